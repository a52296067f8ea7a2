package org.connectorhub.testkit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a contract subclass only inside the kit's own {@code EngineTestKit} runs, which set
 * {@value #KEY}: the deliberately broken connectors must fail there and nowhere else.
 */
final class SelfTestOnly implements ExecutionCondition {
    static final String KEY = "connectorhub.testkit.self-test";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getConfigurationParameter(KEY).filter("true"::equals).isPresent()
                ? ConditionEvaluationResult.enabled("inside the kit's self-test")
                : ConditionEvaluationResult.disabled("a deliberately broken connector; run only by ConnectorContractSelfTest");
    }
}
