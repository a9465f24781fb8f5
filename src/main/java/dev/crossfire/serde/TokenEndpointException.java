package dev.crossfire.serde;

/**
 * No token for the registry: the token endpoint refused, failed or could not be reached. The
 * registry itself was not asked, so {@link #status()} is 0 and a start-up check stops on the first.
 */
public final class TokenEndpointException extends SchemaRegistryException {

    TokenEndpointException(String message, Throwable cause) {
        super(message, 0, 0, cause);
    }

    /**
     * Always: whatever the token endpoint says, the record that needed a token is not at fault, and
     * an identity provider that refuses a client now (disabled, a grant missing) can accept it once
     * fixed. A record must wait for that, not go to the dead-letter topic.
     */
    @Override
    public boolean isTransient() {
        return true;
    }
}
