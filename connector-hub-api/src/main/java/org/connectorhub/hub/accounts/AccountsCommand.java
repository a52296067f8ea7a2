package org.connectorhub.hub.accounts;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.connectorhub.core.domain.AccountNotFoundException;
import org.connectorhub.core.domain.Caller;
import org.connectorhub.core.domain.ConnectorHubException;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.ProviderUnavailableException;
import org.connectorhub.core.port.in.SuspendAccountUseCase;
import org.connectorhub.hub.crypto.CipherLifecycle;
import org.connectorhub.hub.ConnectorsLifecycle;
import org.connectorhub.hub.cli.AdminCommand;
import org.connectorhub.hub.cli.CommandGroup;
import org.connectorhub.hub.cli.ExitCodes;
import org.connectorhub.hub.storage.DatabaseLifecycle;
import org.connectorhub.hub.projects.ProjectBootstrap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code accounts suspend|resume ID}: an operator stops an account without unlinking it, or lets
 * it run again (resume re-verifies first). The caller recorded is {@code cli:<OS user>}. Exit 0 ok,
 * 1 no such account, 2 usage, 3 provider unavailable (the account stays suspended).
 */
@Command(name = "accounts", mixinStandardHelpOptions = true, description = "Suspend or resume linked accounts.")
public final class AccountsCommand extends CommandGroup {

    /** Who runs the command, as the audit trail and the status reasons name them. */
    public static Caller cliCaller() {
        return new Caller(Caller.Kind.CLI, System.getProperty("user.name", "unknown"));
    }

    abstract static class AccountCommand extends AdminCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The account id (acc_...).")
        String accountId;

        @Option(names = "--project", description = "The account's project (default: ${DEFAULT-VALUE}).")
        String projectId = ProjectBootstrap.DEFAULT_PROJECT_ID;

        AccountCommand(Map<String, String> env, PrintStream console) {
            super(env, console);
        }

        abstract LinkedAccount apply(SuspendAccountUseCase accounts);

        @Override
        public Integer call() {
            return withServices(List.of(DatabaseLifecycle.class, CipherLifecycle.class, ConnectorsLifecycle.class),
                    injector -> {
                        try {
                            LinkedAccount account = apply(injector.getInstance(SuspendAccountUseCase.class));
                            out().println("account " + account.id() + ": " + account.status().wireName()
                                    + account.statusReasons().stream().findFirst()
                                            .map(r -> " (" + r.description() + ")").orElse(""));
                            return ExitCodes.OK;
                        } catch (AccountNotFoundException e) {
                            err().println("no account '" + accountId + "' in project '" + projectId + "'");
                            return ExitCodes.FAILED;
                        } catch (ProviderUnavailableException e) {
                            err().println(e.getMessage());
                            return ExitCodes.UNAVAILABLE;
                        } catch (ConnectorHubException e) {
                            err().println(e.getMessage());
                            return ExitCodes.USAGE;
                        }
                    });
        }
    }

    @Command(name = "suspend", mixinStandardHelpOptions = true,
            description = "Suspend an account: it runs no action until resumed.")
    public static final class Suspend extends AccountCommand {
        @Option(names = "--reason", description = "Why (shown to API callers refused an action).")
        String reason;

        public Suspend(Map<String, String> env, PrintStream console) {
            super(env, console);
        }

        @Override
        LinkedAccount apply(SuspendAccountUseCase accounts) {
            return accounts.suspend(projectId, accountId, cliCaller(), Optional.ofNullable(reason));
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Resume a suspended account; its credentials are verified first.")
    public static final class Resume extends AccountCommand {
        public Resume(Map<String, String> env, PrintStream console) {
            super(env, console);
        }

        @Override
        LinkedAccount apply(SuspendAccountUseCase accounts) {
            return accounts.resume(projectId, accountId, cliCaller());
        }
    }
}
