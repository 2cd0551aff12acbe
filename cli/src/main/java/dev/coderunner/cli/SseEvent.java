package dev.coderunner.cli;

/** One dispatched server-sent event; {@code id} is the last event id seen so far on the stream. */
record SseEvent(String id, String event, String data) {
}
