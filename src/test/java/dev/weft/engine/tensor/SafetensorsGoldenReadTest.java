package dev.weft.engine.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.weft.engine.golden.GoldenFiles;
import org.junit.jupiter.api.Test;

class SafetensorsGoldenReadTest {
    @Test
    void readsAGoldenFileWrittenByPythonSafetensors() throws Exception {
        TensorRuntime.ensureInit();
        try (SafetensorsFile f = SafetensorsFile.open(GoldenFiles.dir("cfg").resolve("cfg.safetensors"));
             NDManager m = NDManager.newBaseManager()) {
            TensorInfo x = f.info("x");
            assertEquals(DType.F32, x.dtype());
            NDArray a = f.load("x", m);
            assertEquals(DataType.FLOAT32, a.getDataType());
            assertArrayEquals(x.shape(), a.getShape().getShape());
            assertArrayEquals(f.readFloats("x"), a.toFloatArray());
        }
    }
}
