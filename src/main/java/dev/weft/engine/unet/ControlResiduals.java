package dev.weft.engine.unet;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Residuals a control model adds inside the UNet, indexed by the UNet's input blocks (ComfyUI's
 * {@code control} dict with its pop-from-the-end order resolved):
 * <ul>
 *   <li>{@code output.get(j)} is added to the skip tensor of input block {@code j} when an output
 *       block consumes it (ComfyUI's {@code control["output"]} list, same order);</li>
 *   <li>{@code middle} is added to the middle block's output ({@code control["middle"][0]});</li>
 *   <li>{@code input.get(j)} is added to the output of input block {@code j}, before it is kept as
 *       a skip tensor (ComfyUI's {@code control["input"]} <em>reversed</em>; T2I-Adapter style).</li>
 * </ul>
 * Each list is empty or has exactly one entry per input block; entries and {@code middle} may be
 * {@code null} (nothing added there). Shapes match the tensors they are added to: input block
 * {@code j}'s output [B, C_j, H_j, W_j]. The arrays belong to the caller; the UNet only reads them.
 *
 * @param input  per input block, added after the block; may be empty
 * @param middle added after the middle block, or {@code null}
 * @param output per input block's skip tensor; may be empty
 */
public record ControlResiduals(List<NDArray> input, NDArray middle, List<NDArray> output) {
    public ControlResiduals {
        input = Collections.unmodifiableList(new ArrayList<>(input));
        output = Collections.unmodifiableList(new ArrayList<>(output));
    }

    /** Residuals from a ControlNet: skip residuals per input block and one after the middle. */
    public static ControlResiduals of(List<NDArray> output, NDArray middle) {
        return new ControlResiduals(List.of(), middle, output);
    }

    /** Checks the list sizes against a UNet with {@code inputBlocks} input blocks. */
    void checkFits(int inputBlocks) {
        if (!input.isEmpty() && input.size() != inputBlocks) {
            throw new IllegalArgumentException("control input residuals: " + input.size()
                    + " given, the UNet has " + inputBlocks + " input blocks (give one per block, null to skip)");
        }
        if (!output.isEmpty() && output.size() != inputBlocks) {
            throw new IllegalArgumentException("control output residuals: " + output.size()
                    + " given, the UNet has " + inputBlocks + " skip connections (give one per input block)");
        }
    }

    NDArray inputFor(int block) {
        return input.isEmpty() ? null : input.get(block);
    }

    NDArray outputFor(int block) {
        return output.isEmpty() ? null : output.get(block);
    }
}
