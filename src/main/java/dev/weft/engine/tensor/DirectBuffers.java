package dev.weft.engine.tensor;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;

/**
 * Releases a direct buffer's native memory — a file mapping or an {@code allocateDirect} block —
 * as soon as it is no longer needed, instead of whenever the garbage collector gets to it.
 * Loading a 2 GB checkpoint otherwise keeps the whole file's pages mapped, and every outgrown
 * scratch buffer allocated, all counted in the process's resident memory on top of the fp32
 * weights made from them. Uses {@code sun.misc.Unsafe.invokeCleaner} (module jdk.unsupported);
 * where that is not available the memory is left to the collector.
 */
public final class DirectBuffers {
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

    private DirectBuffers() {
    }

    /**
     * Frees {@code buffer}'s memory now. The buffer (and any view of it) must not be used afterwards.
     *
     * @param buffer a buffer returned by {@code FileChannel.map} or {@code ByteBuffer.allocateDirect},
     *               not a slice or duplicate of one; heap buffers are ignored
     */
    public static void release(ByteBuffer buffer) {
        if (INVOKE_CLEANER == null || !buffer.isDirect()) {
            return;
        }
        try {
            INVOKE_CLEANER.invoke(UNSAFE, buffer);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Left to the garbage collector.
        }
    }
}
