package dev.coderunner.logs;

/** What an output file's entries are labelled with: instance id ({@code web.1}), process type and release. */
record InstanceMeta(String instance, String processType, Integer release) {

    static InstanceMeta unknown(String uid) {
        return new InstanceMeta(uid, null, null);
    }
}
