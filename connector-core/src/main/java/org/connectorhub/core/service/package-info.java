/**
 * The core's services: they implement the inbound ports over the outbound ones (linking and
 * verifying accounts; running actions, the whole path from the account to the provider's answer;
 * sealing and opening credentials). No framework imports: depends only on {@code domain},
 * {@code port}, {@code spi} and the JDK.
 */
package org.connectorhub.core.service;
