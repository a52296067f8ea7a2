/**
 * The Postmark connector: credential schema ({@link org.connectorhub.postmark.PostmarkCredentialSchema}),
 * verification ({@link org.connectorhub.postmark.PostmarkAuthVerifier}), Feign clients with retries that
 * never send twice on Apache HttpClient 5 classic ({@link org.connectorhub.postmark.PostmarkHttpTransport},
 * one pool of {@code max_connections}), and the action catalogue. Found through
 * {@link org.connectorhub.postmark.PostmarkConnectorFactory} or wired with
 * {@link org.connectorhub.postmark.PostmarkModule}.
 */
package org.connectorhub.postmark;
