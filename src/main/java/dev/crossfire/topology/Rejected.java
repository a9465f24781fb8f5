package dev.crossfire.topology;

/** A record on its way to the dead-letter topic: the original bytes, untouched. */
record Rejected(byte[] key, byte[] value) {
}
