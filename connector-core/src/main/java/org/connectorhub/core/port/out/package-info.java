/**
 * Outbound ports: what the core needs from outside (the account store, the secret cipher, the
 * connector registry, a verification observer, the provider's credential check). Adapters such as the hub's
 * JDBC store implement them. Plain Java: depends only on {@code domain}, {@code spi} and the JDK.
 */
package org.connectorhub.core.port.out;
