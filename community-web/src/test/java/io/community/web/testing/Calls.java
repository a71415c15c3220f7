package io.community.web.testing;

import jakarta.inject.Singleton;

import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Records what the HTTP layer handed to a {@code *UseCases} port and answers with what a test
 * programs, so an adapter test sees exactly which method got which arguments. A fake built here
 * follows the port's signature on its own (no hand-written class to keep in step); a method no
 * test programs returns null (void) and fails loudly if the controller needs its value.
 */
@Singleton
public class Calls {
    /** One call: the port method's name and its arguments. */
    public record Call(String method, List<Object> args) {
        /** The first argument of that type (e.g. the Actor, the PageRequest). */
        public <T> T arg(Class<T> type) {
            return args.stream()
                    .filter(type::isInstance)
                    .map(type::cast)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(method + " got no " + type.getSimpleName() + ": " + args));
        }
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Call, Object>> answers = new ConcurrentHashMap<>();

    /** A fake of the port {@code type} that records every call here. */
    public <T> T fake(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "toString" -> "fake " + type.getSimpleName();
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> proxy == args[0];
                };
            }
            Call call = new Call(method.getName(), args == null ? List.of() : Arrays.asList(args));
            calls.add(call);
            Function<Call, Object> answer = answers.get(method.getName());
            return answer == null ? null : answer.apply(call);
        }));
    }

    /** What a port method answers from now on (a value, or throws). Methods are told apart by name. */
    public void answer(String method, Function<Call, Object> answer) {
        answers.put(method, answer);
    }

    public Optional<Call> last(String method) {
        for (int i = calls.size() - 1; i >= 0; i--) {
            if (calls.get(i).method().equals(method)) {
                return Optional.of(calls.get(i));
            }
        }
        return Optional.empty();
    }

    public List<String> methods() {
        return calls.stream().map(Call::method).toList();
    }

    public void reset() {
        calls.clear();
        answers.clear();
    }
}
