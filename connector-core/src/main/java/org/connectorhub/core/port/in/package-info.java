/**
 * Inbound ports: the use cases the core offers (link, verify, manage accounts, run an action) and
 * their command and result values. The hub's routes and an embedding application call these. Plain Java:
 * depends only on {@code domain} and the JDK.
 */
package org.connectorhub.core.port.in;
