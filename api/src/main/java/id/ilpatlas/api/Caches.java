package id.ilpatlas.api;

import com.github.benmanes.caffeine.cache.Cache;
import java.util.function.Supplier;

/** How the service's Caffeine caches are read. */
public final class Caches {

    private Caches() {}

    /**
     * The value of {@code key}, made by {@code make} and kept when it is not cached. The value is made outside the
     * cache's locks (a make runs SQL and may take a while; no other key waits on it); two callers asking at once may
     * both make it, which costs time only: a make gives equal values for equal keys.
     */
    public static <K, V> V getOrMake(Cache<K, V> cache, K key, Supplier<? extends V> make) {
        V cached = cache.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        V made = make.get();
        cache.put(key, made);
        return made;
    }
}
