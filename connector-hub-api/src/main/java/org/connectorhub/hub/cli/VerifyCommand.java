package org.connectorhub.hub.cli;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.domain.FieldError;
import org.connectorhub.core.domain.VerificationOutcome;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ConnectorDiscovery;
import org.connectorhub.core.spi.ConnectorFactory;
import org.connectorhub.hub.config.HubConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Asks the provider whether credentials are good, storing nothing. Prints the outcome, never the
 * credentials. Exit 0 verified, 1 rejected, 3 provider unavailable, 2 usage.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify credentials with the provider (stores nothing, prints no secret).")
public final class VerifyCommand implements Callable<Integer> {
    private final Map<String, String> env;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOptions options = new ConfigOptions();

    @Parameters(index = "0", paramLabel = "PROVIDER", description = "e.g. postmark")
    String provider;

    // Without a value the token is asked for on the terminal (not echoed), keeping it out of the shell history.
    @Option(names = "--server-token", arity = "0..1", interactive = true,
            description = "Postmark Server API Token (field server_token); prompted for when given without a value.")
    String serverToken;

    @Option(names = "--account-token", arity = "0..1", interactive = true,
            description = "Postmark Account API Token (field account_token); prompted for when given without a value.")
    String accountToken;

    @Option(names = "--field", paramLabel = "KEY=VALUE", description = "Any credential field (repeatable).")
    Map<String, String> fields = new LinkedHashMap<>();

    public VerifyCommand(Map<String, String> env) {
        this.env = requireNonNull(env, "env is null");
    }

    @Override
    public Integer call() {
        HubConfig config = options.toConfig(env);
        ConnectorFactory factory = ConnectorDiscovery.factories(VerifyCommand.class.getClassLoader()).get(provider);
        if (factory == null) {
            spec.commandLine().getErr().println("unknown provider '" + provider + "'; installed: "
                    + new TreeSet<>(ConnectorDiscovery.factories(VerifyCommand.class.getClassLoader()).keySet()));
            return ExitCodes.USAGE;
        }
        Map<String, String> values = new LinkedHashMap<>(fields);
        if (serverToken != null) {
            values.put("server_token", serverToken);
        }
        if (accountToken != null) {
            values.put("account_token", accountToken);
        }
        Credentials credentials = Credentials.of(values);
        Connector connector = factory.create(config.connectorConfig(provider));
        try {
            List<FieldError> problems = connector.descriptor().credentialSchema().validate(credentials);
            VerificationOutcome outcome = problems.isEmpty()
                    ? connector.verifier().verify(credentials)
                    : new VerificationOutcome.Rejected(problems);
            return print(outcome);
        } finally {
            connector.close();
        }
    }

    private int print(VerificationOutcome outcome) {
        var out = spec.commandLine().getOut();
        if (outcome instanceof VerificationOutcome.Verified verified) {
            out.println("verified: " + provider + " account \"" + verified.account().name() + "\" (id "
                    + verified.account().id() + "), mode " + verified.mode().wireName() + ", scopes "
                    + new TreeSet<>(verified.scopes()));
            verified.warnings().forEach(warning -> out.println("warning: " + warning));
            return ExitCodes.OK;
        }
        if (outcome instanceof VerificationOutcome.Rejected rejected) {
            out.println("rejected:");
            for (FieldError error : rejected.errors()) {
                out.println("  " + error.field() + " (" + error.code() + "): " + error.message()
                        + (error.hint().isEmpty() ? "" : " Hint: " + error.hint()));
            }
            return ExitCodes.FAILED;
        }
        VerificationOutcome.Unavailable unavailable = (VerificationOutcome.Unavailable) outcome;
        out.println("unavailable: " + unavailable.reason()
                + unavailable.retryAfter().map(d -> " (retry after " + d.toSeconds() + "s)").orElse(""));
        return ExitCodes.UNAVAILABLE;
    }
}
