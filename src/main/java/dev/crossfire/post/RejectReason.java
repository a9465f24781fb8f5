package dev.crossfire.post;

/** Why a post was rejected; the code travels in the dead-letter record's headers. */
public enum RejectReason {
    NOT_JSON,
    /** Bytes that are not UTF-8 where JSON text was expected: the message gives the column of the first. */
    NOT_UTF8,
    NOT_AVRO,
    EMPTY_VALUE,
    MISSING_FIELD,
    BAD_FIELD,
    UNKNOWN_PLATFORM,
    BAD_TIMESTAMP,
    FUTURE_TIMESTAMP,
    TEXT_TOO_LONG,
    /** Larger than {@link PostValidator#MAX_POST_BYTES} once encoded, whatever field holds the bytes. */
    TOO_LARGE,
    SELF_REFERENCE,
    /** An end-of-input record where the settings do not accept one ({@code crossfire.end-of-input.accept}). */
    END_OF_INPUT_REFUSED,
    /** Anything the decoder did not foresee: kept with the exception's class and message. */
    UNEXPECTED
}
