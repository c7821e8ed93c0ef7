package dev.weft.engine.tensor;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;

/**
 * Releases a memory mapping as soon as its data has been copied out, instead of whenever the
 * garbage collector gets to it. Loading a 2 GB checkpoint otherwise keeps the whole file's pages
 * mapped — and counted in the process's resident memory — on top of the fp32 weights made from
 * them. Uses {@code sun.misc.Unsafe.invokeCleaner} (module jdk.unsupported); where that is not
 * available the mapping is left to the collector.
 */
final class Unmapper {
    private static final Object UNSAFE;
    private static final Method INVOKE_CLEANER;

    static {
        Object unsafe = null;
        Method cleaner = null;
        try {
            Class<?> c = Class.forName("sun.misc.Unsafe");
            Field f = c.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            unsafe = f.get(null);
            cleaner = c.getMethod("invokeCleaner", ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            unsafe = null;
            cleaner = null;
        }
        UNSAFE = unsafe;
        INVOKE_CLEANER = cleaner;
    }

    private Unmapper() {
    }

    /**
     * Unmaps {@code mapped} now. The buffer (and any view of it) must not be used afterwards.
     *
     * @param mapped a buffer returned by {@code FileChannel.map}, not a slice or duplicate of one
     */
    static void unmap(ByteBuffer mapped) {
        if (INVOKE_CLEANER == null || !mapped.isDirect()) {
            return;
        }
        try {
            INVOKE_CLEANER.invoke(UNSAFE, mapped);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Left to the garbage collector.
        }
    }
}
