package dev.coderunner.files;

/** The archive formats a source may be uploaded in. */
public enum ArchiveFormat {
    TAR_GZ, ZIP
}
