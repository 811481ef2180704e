package id.ilpatlas.api.graphql;

import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.ExecuteObjectInstrumentationContext;
import graphql.execution.instrumentation.FieldFetchingInstrumentationContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionStrategyParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldCompleteParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldParameters;
import java.util.List;

/**
 * The app's instrumentations chained as graphql-java chains them, except that the hooks called for every field and
 * object of a response (begin field execution, fetching, completion, list completion, object execution) go only
 * through the chain when one of the instrumentations implements them. None of ours does (the limits, the NUL check,
 * the slow-field log and the request observation work per request or wrap data fetchers), yet the plain chain called
 * each of them and combined their no-op contexts five times per field: a fifth of the CPU of a 271-RW choropleth.
 */
final class FieldLeanInstrumentation extends ChainedInstrumentation {

    private final boolean fieldExecution;
    private final boolean fieldFetching;
    private final boolean fieldCompletion;
    private final boolean fieldListCompletion;
    private final boolean executeObject;

    FieldLeanInstrumentation(List<Instrumentation> instrumentations) {
        super(instrumentations);
        fieldExecution = anyImplements(instrumentations, "beginFieldExecution", InstrumentationFieldParameters.class);
        fieldFetching = anyImplements(instrumentations, "beginFieldFetching", InstrumentationFieldFetchParameters.class)
                || anyImplements(instrumentations, "beginFieldFetch", InstrumentationFieldFetchParameters.class);
        fieldCompletion =
                anyImplements(instrumentations, "beginFieldCompletion", InstrumentationFieldCompleteParameters.class);
        fieldListCompletion = anyImplements(
                instrumentations, "beginFieldListCompletion", InstrumentationFieldCompleteParameters.class);
        executeObject =
                anyImplements(instrumentations, "beginExecuteObject", InstrumentationExecutionStrategyParameters.class);
    }

    /** Whether one of the instrumentations has its own implementation of a hook (not the interface's no-op). */
    static boolean anyImplements(List<Instrumentation> instrumentations, String hook, Class<?> parameters) {
        for (Instrumentation instrumentation : instrumentations) {
            Class<?> declaring;
            try {
                declaring = instrumentation
                        .getClass()
                        .getMethod(hook, parameters, InstrumentationState.class)
                        .getDeclaringClass();
            } catch (NoSuchMethodException e) {
                return true; // unknown shape: keep graphql-java's behaviour
            }
            if (declaring != Instrumentation.class && declaring != SimplePerformantInstrumentation.class) {
                return true;
            }
        }
        return false;
    }

    @Override
    public InstrumentationContext<Object> beginFieldExecution(
            InstrumentationFieldParameters parameters, InstrumentationState state) {
        return fieldExecution ? super.beginFieldExecution(parameters, state) : SimpleInstrumentationContext.noOp();
    }

    @Override
    public FieldFetchingInstrumentationContext beginFieldFetching(
            InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
        return fieldFetching ? super.beginFieldFetching(parameters, state) : FieldFetchingInstrumentationContext.NOOP;
    }

    @Override
    public InstrumentationContext<Object> beginFieldCompletion(
            InstrumentationFieldCompleteParameters parameters, InstrumentationState state) {
        return fieldCompletion ? super.beginFieldCompletion(parameters, state) : SimpleInstrumentationContext.noOp();
    }

    @Override
    public InstrumentationContext<Object> beginFieldListCompletion(
            InstrumentationFieldCompleteParameters parameters, InstrumentationState state) {
        return fieldListCompletion
                ? super.beginFieldListCompletion(parameters, state)
                : SimpleInstrumentationContext.noOp();
    }

    @Override
    public ExecuteObjectInstrumentationContext beginExecuteObject(
            InstrumentationExecutionStrategyParameters parameters, InstrumentationState state) {
        return executeObject ? super.beginExecuteObject(parameters, state) : ExecuteObjectInstrumentationContext.NOOP;
    }
}
