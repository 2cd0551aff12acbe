package dev.coderunner.files;

import org.springframework.http.HttpStatus;

import dev.coderunner.web.ApiException;

/** The ways an archive is refused, each with its stable problem type. */
final class ArchiveRefusals {

    private ArchiveRefusals() {
    }

    static ApiException invalid(ArchiveFormat format, String why) {
        String expected = format == ArchiveFormat.ZIP ? ".zip" : ".tar.gz";
        return ApiException.badRequest("archive-invalid", "The upload is not a valid " + expected + " archive: " + why);
    }

    static ApiException unsafeEntry(String entry, String why) {
        return ApiException.invalid("archive-unsafe-entry", "The archive entry '" + printable(entry) + "' " + why + ".");
    }

    static ApiException empty() {
        return ApiException.invalid("archive-empty", "The archive contains no files.");
    }

    static ApiException tooManyEntries(int limit) {
        return ApiException.invalid("archive-too-many-entries", "The archive has more than " + limit + " entries.");
    }

    static ApiException tooLargeUnpacked(long limit) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "archive-too-large-unpacked",
                "The archive unpacks to more than " + limit + " bytes.");
    }

    /** Entry names come from the user; keep control characters and huge names out of the answer. */
    private static String printable(String entry) {
        String clean = entry.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 200 ? clean.substring(0, 200) + "…" : clean;
    }
}
