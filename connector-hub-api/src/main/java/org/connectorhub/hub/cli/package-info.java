/**
 * Command-line plumbing and the commands that belong to no capability: the shared configuration
 * options, the exit codes, {@code serve}, {@code verify}, {@code store migrate} and {@code train} (the
 * training run of {@code bin/hub}'s start-up archives). Capability commands live
 * in their slice ({@code projects}, {@code crypto}) and extend {@link org.connectorhub.hub.cli.CommandGroup}
 * and {@link org.connectorhub.hub.cli.AdminCommand}; {@link org.connectorhub.hub.HubCli} assembles them all.
 * May depend on {@code config}, {@code storage}, {@code lifecycle} and the root package (to start a hub).
 */
package org.connectorhub.hub.cli;
