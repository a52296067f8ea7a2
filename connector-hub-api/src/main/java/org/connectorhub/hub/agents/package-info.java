/**
 * AI agents: agent tokens ({@code agt_}, hashed, bound to one account or one origin owner, with
 * allowed actions, an expiry and a policy), each linked account's actions as tools (MCP,
 * OpenAI and Anthropic shapes), {@code /mcp} (the official MCP SDK, stateless Streamable HTTP)
 * and the REST tool call. Calls run through the core's action service; the policy (calls per
 * hour, recipients per day, recipient domains, senders, dry run) is enforced here, after the
 * core's checks and before the provider call, with counters in the database so hubs share them.
 * Depends on accounts' core ports, projects (authentication), idempotency and plumbing; nothing
 * depends on it but the composition root.
 */
package org.connectorhub.hub.agents;
