package org.connectorhub.hub;

import org.connectorhub.hub.HubCli;

/** {@code java -jar connector-hub-api-all.jar serve|verify|projects|keys ...} */
public final class HubMain {
    private HubMain() {
    }

    public static void main(String[] args) {
        int exit = HubCli.forArgs(args, System.getenv(), System.out, System.err).execute(args);
        System.exit(exit);
    }
}
