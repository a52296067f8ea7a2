/**
 * Outbound ports: what the core needs from outside (the account store, the secret cipher, the
 * connector registry, the JSON Schema check of action input, observers of verifications and
 * action runs). Adapters such as the hub's JDBC store, its networknt validator and its Micrometer
 * observers implement them. What a connector implements is not here but in {@code spi}
 * ({@code AuthVerifier} included). Plain Java: depends only on {@code domain}, {@code spi} and the JDK.
 */
package org.connectorhub.core.port.out;
