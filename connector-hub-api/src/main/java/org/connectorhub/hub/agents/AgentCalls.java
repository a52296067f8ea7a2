package org.connectorhub.hub.agents;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.connectorhub.core.domain.ActivityEntry;
import org.connectorhub.core.domain.Caller;
import org.connectorhub.core.domain.ConnectorHubException;
import org.connectorhub.core.domain.MessageFields;
import org.connectorhub.core.domain.PolicyDeniedException;
import org.connectorhub.core.domain.ProviderUnavailableException;
import org.connectorhub.core.port.in.CheckedAction;
import org.connectorhub.core.port.in.RunActionCommand;
import org.connectorhub.core.port.in.RunActionUseCase;
import org.connectorhub.core.port.out.ActivityRecorder;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.http.Problem;
import org.connectorhub.hub.http.ProblemMapper;
import org.connectorhub.hub.idempotency.IdempotencyStore;
import org.connectorhub.hub.idempotency.IdempotencyStore.Reservation;

/**
 * Runs a tool call: through the core's action service with all its rules, plus, for an agent
 * token, its policy (checked after the core's checks and before the provider call) and its
 * usage counters; an optional idempotency key replays the first answer. Every call is one
 * activity entry whose caller is the agent token (or the API key). Expected failures come back
 * as error results a model can act on.
 */
public final class AgentCalls {
    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() { };
    private static final int MAX_KEY_LENGTH = 255;

    private final RunActionUseCase actions;
    private final AgentUsageStore usage;
    private final IdempotencyStore idempotency;
    private final ActivityRecorder activity;
    private final ObjectMapper mapper;
    private final Clock clock;

    @Inject
    public AgentCalls(RunActionUseCase actions, AgentUsageStore usage, IdempotencyStore idempotency,
            ActivityRecorder activity, ObjectMapper mapper, Clock clock) {
        this.actions = requireNonNull(actions, "actions is null");
        this.usage = requireNonNull(usage, "usage is null");
        this.idempotency = requireNonNull(idempotency, "idempotency is null");
        this.activity = requireNonNull(activity, "activity is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** A call by a project API key: the core's rules, no agent policy. */
    public ToolResult call(String projectId, Caller caller, AgentTool tool, Map<String, Object> arguments) {
        return call(projectId, caller, Optional.empty(), tool, arguments);
    }

    /** A call by an agent token: the core's rules, then the token's policy and counters. */
    public ToolResult call(AgentToken token, AgentTool tool, Map<String, Object> arguments) {
        return call(token.projectId(), new Caller(Caller.Kind.AGENT_TOKEN, token.id()), Optional.of(token), tool,
                arguments);
    }

    private ToolResult call(String projectId, Caller caller, Optional<AgentToken> token, AgentTool tool,
            Map<String, Object> arguments) {
        Map<String, Object> input = new LinkedHashMap<>(arguments);
        Object keyValue = input.remove(AgentTool.IDEMPOTENCY_KEY);
        Optional<String> key = Optional.empty();
        if (keyValue != null && !tool.action().readOnly()) {
            if (!(keyValue instanceof String text) || text.isBlank() || text.length() > MAX_KEY_LENGTH) {
                return error("invalid_input", "'idempotency_key' must be a string of 1 to " + MAX_KEY_LENGTH
                        + " characters.", Map.of());
            }
            key = Optional.of(text);
        }
        RunActionCommand command = new RunActionCommand(projectId, tool.accountId(), tool.action().name(), input, key);
        if (key.isEmpty()) {
            return logged(command, caller, tool.provider(), () -> run(command, token));
        }
        // scoped to the caller, so two agents cannot replay each other's answers
        String storedKey = "tool:" + caller.id() + ":" + key.get();
        if (storedKey.length() > MAX_KEY_LENGTH) {
            // the column holds 255 characters: a long key is kept as its hash
            storedKey = "tool:" + caller.id() + ":sha256:" + ApiKeys.hash(key.get());
        }
        String fingerprint = ApiKeys.hash(tool.name() + "\n" + json(new TreeMap<>(input)));
        Reservation reservation = idempotency.reserve(projectId, storedKey, fingerprint, clock.instant());
        if (reservation instanceof Reservation.Completed completed) {
            if (!completed.fingerprint().equals(fingerprint)) {
                return error("idempotency_key_reused", "This idempotency_key was used with other arguments. Use a "
                        + "new key for a new call.", Map.of());
            }
            return ToolResult.fromJson(read(completed.body()));
        }
        if (reservation instanceof Reservation.InProgress) {
            return error("idempotency_in_progress", "A call with this idempotency_key is running now. Wait for it "
                    + "and retry with the same key to get its answer.", Map.of());
        }
        ToolResult result;
        try {
            result = logged(command, caller, tool.provider(), () -> run(command, token));
        } catch (RuntimeException e) {
            idempotency.release(projectId, storedKey);
            throw e;
        }
        boolean retryable = result.isError()
                && "provider_unavailable".equals(((Map<?, ?>) result.structuredContent().getOrDefault("error", Map.of()))
                        .get("code"));
        if (retryable) {
            idempotency.release(projectId, storedKey);
        } else {
            idempotency.complete(projectId, storedKey, 200, json(result.toJson()));
        }
        return result;
    }

    private ToolResult run(RunActionCommand command, Optional<AgentToken> token) {
        if (token.isEmpty()) {
            return success(actions.run(command));
        }
        AgentPolicy policy = token.get().policy();
        if (policy.dryRun()) {
            CheckedAction checked = actions.check(command);
            if (!checked.descriptor().readOnly()) {
                policy.checkMessages(checked);
                reserve(token.get(), checked, 0, clock.instant());
                return dryRun(checked);
            }
        }
        Instant[] reservedAt = new Instant[1];
        int[] recipients = new int[1];
        try {
            return success(actions.run(command, checked -> {
                policy.checkMessages(checked);
                Instant now = clock.instant();
                reserve(token.get(), checked, checked.recipientCount(), now);
                reservedAt[0] = now;
                recipients[0] = checked.recipientCount();
            }));
        } catch (RuntimeException e) {
            // the send did not go out: its recipients do not count
            if (reservedAt[0] != null) {
                usage.releaseRecipients(token.get().id(), reservedAt[0], recipients[0]);
            }
            throw e;
        }
    }

    private void reserve(AgentToken token, CheckedAction checked, int recipients, Instant now) {
        AgentPolicy policy = token.policy();
        Optional<String> broken = usage.reserve(token.id(), now, policy.maxCallsPerHour(), recipients,
                policy.maxRecipientsPerDay());
        if (broken.isPresent()) {
            throw broken.get().equals(AgentUsageStore.CALLS_PER_HOUR)
                    ? new PolicyDeniedException(AgentUsageStore.CALLS_PER_HOUR, "policy_denied (max_calls_per_hour): "
                            + "this agent may make " + policy.maxCallsPerHour().getAsInt() + " calls per hour and has "
                            + "used them. Try again after the top of the hour (UTC). Nothing was called.")
                    : new PolicyDeniedException(AgentUsageStore.RECIPIENTS_PER_DAY, "policy_denied "
                            + "(max_recipients_per_day): this agent may send to " + policy.maxRecipientsPerDay().getAsInt()
                            + " recipients per day (UTC) and this send of " + recipients + " would go over. Nothing "
                            + "was sent.");
        }
    }

    private ToolResult dryRun(CheckedAction checked) {
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("dry_run", true);
        structured.put("action", checked.descriptor().name());
        structured.put("account_id", checked.accountId());
        List<Map<String, Object>> messages = new ArrayList<>();
        for (MessageFields message : checked.messages()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("from", message.from().orElse(null));
            m.put("recipients", message.recipients());
            messages.add(m);
        }
        structured.put("would_send", messages);
        return new ToolResult(false, "Dry run: '" + checked.descriptor().name() + "' passed every check (input, scope, "
                + "policy) and was NOT run" + (messages.isEmpty() ? "." : "; it would send " + messages.size()
                + " message(s) to " + checked.recipientCount() + " recipient(s)."), structured);
    }

    private ToolResult success(Object output) {
        Map<String, Object> structured = output instanceof Map<?, ?> map ? stringKeys(map)
                : new LinkedHashMap<>(Map.of("result", output == null ? Map.of() : output));
        return new ToolResult(false, json(output), structured);
    }

    /** An expected failure as a result: the problem's code and detail (already free of secrets). */
    static ToolResult failure(ConnectorHubException e) {
        Problem problem = ProblemMapper.toProblem(e);
        Map<String, Object> details = new LinkedHashMap<>();
        if (e instanceof PolicyDeniedException denied) {
            details.put("rule", denied.rule());
        }
        if (e instanceof ProviderUnavailableException unavailable && unavailable.retryAfter().isPresent()) {
            details.put("retry_after_seconds", Math.max(1, unavailable.retryAfter().get().toSeconds()));
        }
        problem.extensions().forEach(details::putIfAbsent);
        if (!problem.errors().isEmpty()) {
            details.put("errors", problem.errors().stream().map(error -> {
                Map<String, Object> field = new LinkedHashMap<>();
                field.put("field", error.field());
                field.put("message", error.message());
                return field;
            }).toList());
        }
        String text = problem.detail().startsWith(problem.code()) ? problem.detail()
                : problem.code() + ": " + problem.detail();
        if (details.containsKey("retry_after_seconds")) {
            text += " Retry after " + details.get("retry_after_seconds") + " seconds.";
        }
        return error(problem.code(), text, details);
    }

    static ToolResult error(String code, String message, Map<String, Object> details) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.putAll(details);
        return new ToolResult(true, message, Map.of("error", error));
    }

    @FunctionalInterface
    private interface Work {
        ToolResult get();
    }

    /** Runs the work and writes its one activity entry; expected failures become error results. */
    private ToolResult logged(RunActionCommand command, Caller caller, String provider, Work work) {
        Instant at = clock.instant();
        long started = System.nanoTime();
        ToolResult result;
        int status = 200;
        Optional<String> code = Optional.empty();
        try {
            result = work.get();
        } catch (ConnectorHubException e) {
            result = failure(e);
            status = ProblemMapper.toProblem(e).status();
            code = Optional.of(e.code());
        }
        try {
            // an account deleted meanwhile has no log
            if (!"account_not_found".equals(code.orElse(""))) {
                activity.record(new ActivityEntry(ActivityEntry.newId(at), at, command.projectId(), command.accountId(),
                        provider, "action", command.action(), caller, status, code,
                        (System.nanoTime() - started) / 1000, Map.of(), command.idempotencyKey(), false,
                        Optional.empty(), Optional.empty()));
            }
        } catch (RuntimeException e) {
            // the log never fails a call
        }
        return result;
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a tool result", e);
        }
    }

    private Map<String, Object> read(String json) {
        try {
            return mapper.readValue(json, OBJECT_MAP);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored tool result", e);
        }
    }

}
