package org.connectorhub.postmark;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedList;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Walks the object graph reachable from a root through instance fields (not static ones, not into
 * classes, class loaders or threads) and reports whether any reachable {@link String} is one of
 * the given values. JDK objects whose fields are closed to reflection are entered through their
 * public API when they are maps, collections, optionals, atomic references or proxies, and skipped
 * otherwise. Strings only: a pooled connection's byte buffer still holds the bytes of the last
 * request it wrote, which is not a per-token object and is overwritten by the next request.
 */
final class ReachableStrings {
    private ReachableStrings() {
    }

    /** The first of {@code values} reachable from {@code root} as a String, if any. */
    static Optional<String> findAny(Object root, Set<String> values) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> todo = new LinkedList<>(); // takes nulls, unlike ArrayDeque
        todo.push(root);
        while (!todo.isEmpty()) {
            Object next = todo.pop();
            if (next == null || !seen.add(next) || next instanceof Class<?> || next instanceof ClassLoader
                    || next instanceof Thread || next instanceof Module) {
                continue;
            }
            if (next instanceof String s) {
                if (values.contains(s)) {
                    return Optional.of(s);
                }
                continue;
            }
            Class<?> type = next.getClass();
            if (type.isArray()) {
                if (!type.getComponentType().isPrimitive()) {
                    for (int i = 0; i < Array.getLength(next); i++) {
                        todo.push(Array.get(next, i));
                    }
                }
                continue;
            }
            if (Proxy.isProxyClass(type)) {
                todo.push(Proxy.getInvocationHandler(next));
                continue;
            }
            if (!enterFields(next, todo)) {
                enterThroughApi(next, todo);
            }
        }
        return Optional.empty();
    }

    private static boolean enterFields(Object object, Deque<Object> todo) {
        for (Class<?> c = object.getClass(); c != null; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    todo.push(field.get(object));
                } catch (InaccessibleObjectException | IllegalAccessException closed) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void enterThroughApi(Object object, Deque<Object> todo) {
        try {
            if (object instanceof Map<?, ?> map) {
                map.forEach((key, value) -> {
                    todo.push(key);
                    todo.push(value);
                });
            } else if (object instanceof Collection<?> collection) {
                collection.forEach(todo::push);
            } else if (object instanceof Optional<?> optional) {
                optional.ifPresent(todo::push);
            } else if (object instanceof AtomicReference<?> reference) {
                todo.push(reference.get());
            }
        } catch (RuntimeException unreadable) {
            // a view that cannot be iterated now (closed, concurrent): nothing more to learn from it
        }
    }
}
