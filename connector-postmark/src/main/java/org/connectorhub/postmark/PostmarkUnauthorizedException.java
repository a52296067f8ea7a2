package org.connectorhub.postmark;

/**
 * Postmark answered 401 with its own error body: the token was refused. The verifier turns it
 * into a rejection, an action into {@code CredentialsRevokedException}. It never holds the token.
 */
final class PostmarkUnauthorizedException extends RuntimeException {
    private final int errorCode;

    PostmarkUnauthorizedException(int errorCode) {
        super("Postmark refused the token (error " + errorCode + ")", null, false, false);
        this.errorCode = errorCode;
    }

    int errorCode() {
        return errorCode;
    }
}
