package dev.weft.engine.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.weft.engine.tensor.DirectBuffers;
import dev.weft.engine.tensor.SafetensorsFile;
import dev.weft.engine.tensor.TensorInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Loads convolution kernels straight into oneDNN's packed layout ({@link ConvWeights}): each kernel
 * is widened into one reused scratch buffer and packed from there, so the plain fp32 copy is never
 * allocated. For SD 1.5 that spares about 2.5 GB of short-lived memory per checkpoint load, which
 * is time (fresh pages are slow to fault in) and peak resident memory. The scratch buffer is
 * freed as soon as it is outgrown and on {@link #close}, not left to the garbage collector
 * (which may not run for minutes and would let a few hundred MB of outgrown buffers pile up).
 * Engine thread only.
 */
public final class PackedKernelLoader implements AutoCloseable {
    private ByteBuffer scratch;

    /**
     * The packed kernel {@code name} of {@code file}.
     *
     * @param localKey the kernel's key relative to the UNet or ControlNet (decides its stride)
     * @param owner    manager of the returned array
     */
    public NDArray load(SafetensorsFile file, String name, String localKey, NDManager owner) throws IOException {
        TensorInfo info = file.info(name);
        long bytes = info.elementCount() * Float.BYTES;
        if (scratch == null || scratch.capacity() < bytes) {
            close();
            scratch = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
        }
        ByteBuffer view = scratch.duplicate().order(ByteOrder.nativeOrder());
        view.clear().limit((int) bytes);
        file.readFloatsInto(name, view);
        view.flip();
        try (NDManager tmp = owner.newSubManager()) {
            // A view over the scratch memory, not a copy; packing copies into the blocked layout.
            NDArray plain = tmp.create(view.slice().order(ByteOrder.nativeOrder()), new Shape(info.shape()), DataType.FLOAT32);
            NDArray packed = ConvWeights.pack(localKey, plain);
            packed.attach(owner);
            return packed;
        }
    }

    /** Frees the scratch buffer; a later {@link #load} allocates a new one. */
    @Override
    public void close() {
        if (scratch != null) {
            DirectBuffers.release(scratch);
            scratch = null;
        }
    }
}
