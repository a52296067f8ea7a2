package org.connectorhub.hub.crypto;

import java.io.PrintStream;
import java.util.Map;
import org.connectorhub.hub.cli.CommandGroup;
import org.connectorhub.hub.cli.ExitCodes;
import org.connectorhub.hub.config.HubConfig;
import org.connectorhub.hub.storage.AuditTrail;
import picocli.CommandLine.Command;

/** {@code keys rotate}: a new data-key version becomes primary; older versions stay readable. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage encryption keys.")
public final class KeysCommand extends CommandGroup {
    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Add a new key version for new writes; old data stays readable.")
    public static final class Rotate extends KeysMaintenanceCommands.KeyCommand {
        public Rotate(Map<String, String> env, PrintStream console) {
            super(env, console);
        }

        @Override
        int run(HubConfig config, KeyMaintenance keys, CipherLifecycle cipher, AuditTrail audit) {
            int version = cipher.rotate();
            audit.record(new AuditTrail.Change(AuditTrail.HUB_SCOPE, "keys.rotated", "key_v" + version,
                    Map.of("after", Map.of("primary_version", version))));
            out().println("key version " + version + " is now primary; older versions stay readable");
            return ExitCodes.OK;
        }
    }
}
