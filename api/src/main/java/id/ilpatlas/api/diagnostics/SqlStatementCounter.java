package id.ilpatlas.api.diagnostics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Counts the SQL statements the application prepares, as the metric {@code atlas.sql.statements}: how tests prove
 * that a nested query costs a constant number of statements (no N+1), and how the benchmark reports statements per
 * request. Wraps the DataSource in a thin proxy; {@code unwrap} still reaches the pool.
 */
@Component
public class SqlStatementCounter implements BeanPostProcessor {

    private static final Set<String> STATEMENT_METHODS = Set.of("prepareStatement", "createStatement", "prepareCall");

    private final AtomicLong statements = new AtomicLong();
    private final ObjectProvider<MeterRegistry> meterRegistry;
    private volatile boolean registered;

    public SqlStatementCounter(ObjectProvider<MeterRegistry> meterRegistry) {
        this.meterRegistry = meterRegistry;
    }

    /** Statements prepared since the application started. */
    public long count() {
        return statements.get();
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !Proxy.isProxyClass(bean.getClass())) {
            registerMetric();
            return Proxy.newProxyInstance(
                    getClass().getClassLoader(),
                    new Class<?>[] {DataSource.class},
                    forward(
                            dataSource,
                            (method, result) -> result instanceof Connection connection
                                    ? Proxy.newProxyInstance(
                                            getClass().getClassLoader(),
                                            new Class<?>[] {Connection.class},
                                            forward(connection, (m, r) -> {
                                                if (STATEMENT_METHODS.contains(m.getName())) {
                                                    statements.incrementAndGet();
                                                }
                                                return r;
                                            }))
                                    : result));
        }
        return bean;
    }

    private void registerMetric() {
        if (!registered) {
            meterRegistry.ifAvailable(
                    registry -> FunctionCounter.builder("atlas.sql.statements", statements, AtomicLong::doubleValue)
                            .description("SQL statements prepared by the application")
                            .register(registry));
            registered = true;
        }
    }

    private interface AfterCall {
        Object apply(Method method, Object result);
    }

    private static InvocationHandler forward(Object target, AfterCall after) {
        return (proxy, method, args) -> {
            if (method.getName().equals("unwrap")
                    && args != null
                    && args[0] instanceof Class<?> type
                    && type.isInstance(target)) {
                return target;
            }
            if (method.getName().equals("isWrapperFor")
                    && args != null
                    && args[0] instanceof Class<?> type
                    && type.isInstance(target)) {
                return true;
            }
            try {
                return after.apply(method, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
    }
}
