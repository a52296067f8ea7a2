/**
 * The Postmark connector: credential schema ({@link org.connectorhub.postmark.PostmarkCredentialSchema}),
 * verification ({@link org.connectorhub.postmark.PostmarkAuthVerifier}), Feign clients with retries that
 * never send twice on Apache HttpClient 5 classic ({@link org.connectorhub.postmark.PostmarkHttpTransport},
 * one pool of {@code max_connections}), and the action catalogue. Found through
 * {@link org.connectorhub.postmark.PostmarkConnectorFactory} or wired with
 * {@link org.connectorhub.postmark.PostmarkModule}.
 *
 * <h2>How a token reaches the wire</h2>
 * The hub stores each account's tokens sealed (encrypted, bound to the account id). For every action
 * the core opens them into the {@code Credentials} of one {@code ActionRequest}, which lives for that
 * call. {@link org.connectorhub.postmark.PostmarkAction} reads the token it needs from there
 * ({@link org.connectorhub.postmark.PostmarkTokens}, also one per call) and passes it as the first
 * argument of a method of the connector's single {@link org.connectorhub.postmark.PostmarkServerApi}
 * or {@link org.connectorhub.postmark.PostmarkAccountApi} client. Feign expands that argument into the
 * {@code X-Postmark-Server-Token} (or {@code -Account-Token}) header of the one request it builds for
 * the call, and the transport writes it to the connection. So a token is never kept in an object that
 * outlives the call: there is no client, cache, map or interceptor per token, and a connector serves
 * ten thousand accounts with the same two clients and the same objects as one. The verifier does the
 * same with the credentials it is given. Feign logs at {@code BASIC} (no headers), its logger drops
 * any token header should the level be raised, and the transport's connections do not use Apache's
 * header and wire logs; Feign's exceptions, which hold the request and so the header, never leave
 * {@link org.connectorhub.postmark.PostmarkCall}.
 */
package org.connectorhub.postmark;
