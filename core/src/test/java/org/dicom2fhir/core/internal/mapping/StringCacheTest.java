package org.dicom2fhir.core.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class StringCacheTest {
    @Test
    void equalValuesShareOneString() {
        StringCache cache = new StringCache(64);
        String first = cache.share(new String("1.2.840.10008.5.1.4.1.1.2"));
        String second = cache.share(new String("1.2.840.10008.5.1.4.1.1.2"));
        assertThat(second).isSameAs(first);
        assertThat(cache.share(null)).isNull();
    }

    @Test
    void aCollidingValueTakesTheSlotAndIsStillReturnedEqual() {
        StringCache cache = new StringCache(1); // every value collides
        String a = cache.share(new String("CT"));
        String b = cache.share(new String("MR"));
        assertThat(b).isEqualTo("MR");
        assertThat(cache.share(new String("MR"))).isSameAs(b);
        assertThat(cache.share(new String("CT"))).isEqualTo("CT").isNotSameAs(a);
    }

    @Test
    void sizeMustBeAPowerOfTwo() {
        assertThatThrownBy(() -> new StringCache(100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StringCache(0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Racing threads only ever get back a string equal to the one they gave. */
    @Test
    void concurrentUseReturnsEqualValues() throws Exception {
        StringCache cache = new StringCache(8);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 200_000; i++) {
                        String value = "1.2.3." + ((i * 31 + seed) % 50);
                        if (!cache.share(value).equals(value)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
