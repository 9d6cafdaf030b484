package io.localdrop.agent.classfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

class LoaderCachesTest {

    @Test
    void eachLoaderHasItsOwnAnswersTheBootstrapLoaderIncluded() throws Exception {
        LoaderCaches caches = new LoaderCaches();
        try (URLClassLoader one = new URLClassLoader(new URL[0]); URLClassLoader other = new URLClassLoader(new URL[0])) {
            ConcurrentHashMap<String, Byte> first = caches.of(one);
            assertSame(first, caches.of(one));
            assertNotSame(first, caches.of(other));
            assertNotSame(first, caches.of(null));
            assertSame(caches.of(null), caches.of(null));
            LoaderCaches.put(first, "a/B", (byte) 2);
            assertEquals((byte) 2, caches.of(one).get("a/B"));
            assertNull(caches.of(other).get("a/B"), "the same name in another loader is another class");
        }
    }

    @Test
    void aFullCacheIsClearedRatherThanGrown() {
        ConcurrentHashMap<String, Byte> cache = new ConcurrentHashMap<>();
        for (int i = 0; i < LoaderCaches.MAX_PER_LOADER; i++) {
            LoaderCaches.put(cache, "c/" + i, (byte) 1);
        }
        assertEquals(LoaderCaches.MAX_PER_LOADER, cache.size());
        LoaderCaches.put(cache, "c/one-more", (byte) 1);
        assertEquals(1, cache.size());
        assertEquals((byte) 1, cache.get("c/one-more"));
    }

    @Test
    void aClassFileIsReadAsAResourceWithoutLoadingTheClass() throws Exception {
        ClassLoader loader = LoaderCachesTest.class.getClassLoader();
        assertEquals(0xCAFEBABE, magic(ClassFileResource.read(loader, "io/localdrop/agent/classfile/PoolWalk")));
        assertEquals(0xCAFEBABE, magic(ClassFileResource.read(null, "java/lang/Object")), "the bootstrap loader's");
        assertNull(ClassFileResource.read(loader, "no/such/Class"));
    }

    private static int magic(byte[] classFile) {
        return ((classFile[0] & 0xff) << 24) | ((classFile[1] & 0xff) << 16) | ((classFile[2] & 0xff) << 8)
                | (classFile[3] & 0xff);
    }
}
