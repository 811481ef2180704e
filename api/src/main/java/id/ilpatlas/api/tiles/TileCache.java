package id.ilpatlas.api.tiles;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import id.ilpatlas.api.Caches;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The made tiles, per data version and caller's scope class (Caffeine, bounded by bytes). The key is the whole
 * identity of a tile's answer, the same string its ETag hashes ({@link VectorTiles#etag}): layer, z/x/y, the
 * parameters, the data version of every kab/kota touching the tile (their indicator/hex refresh, which moves with
 * every import and region change) or of the registry, and the caller's {@link VectorTiles#scopeClass}. A new import,
 * refresh or registry edit gives new keys, so nothing is invalidated by hand and a caller of one scope class never
 * gets another's tile. Metrics: {@code cache.gets}, {@code cache.puts}, {@code cache.evictions}, {@code cache.size}
 * with tag {@code cache=atlas.tiles} (Micrometer's {@link CaffeineCacheMetrics}). {@code atlas.tiles.cache-max-bytes}
 * 0 turns the cache off (every tile made: the benchmark's cold figures).
 */
@Component
class TileCache {

    /** A made tile: its MVT bytes (empty: nothing in it) and, once asked for, their gzip. */
    static final class Entry {
        private final byte[] bytes;
        private volatile byte[] gzipped;

        Entry(byte[] bytes) {
            this.bytes = bytes == null ? new byte[0] : bytes;
        }

        byte[] bytes() {
            return bytes;
        }

        byte[] gzipped() {
            byte[] g = gzipped;
            if (g == null) {
                g = gzip(bytes);
                gzipped = g;
            }
            return g;
        }

        int weight() {
            return 64 + bytes.length + (gzipped == null ? bytes.length / 2 : gzipped.length);
        }
    }

    private final Cache<String, Entry> cache;
    private final boolean enabled;

    TileCache(@Value("${atlas.tiles.cache-max-bytes:67108864}") long maxBytes, MeterRegistry registry) {
        this.enabled = maxBytes > 0;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(Math.max(0, maxBytes))
                .weigher((String k, Entry e) -> k.length() * 2 + e.weight())
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, cache, "atlas.tiles");
    }

    /** The tile of {@code key}, made by {@code make} (outside any lock of the cache) when it is not cached. */
    Entry get(String key, Supplier<byte[]> make) {
        return enabled ? Caches.getOrMake(cache, key, () -> new Entry(make.get())) : new Entry(make.get());
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
