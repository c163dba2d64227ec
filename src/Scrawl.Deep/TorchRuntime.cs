using TorchSharp;
using static TorchSharp.torch;

namespace Scrawl.Deep;

/// <summary>Loading libtorch and choosing the device: the first torch call goes through here so failures read well.</summary>
/// <remarks>
/// No tensor may be left to the finalizer while libtorch may still use it. A TorchSharp tensor holds a raw pointer to its native
/// tensor and frees it in its finalizer, and TorchSharp's methods do not keep the managed object alive during the native call: in
/// <c>a.permute(0, 3, 1, 2).contiguous()</c> the permuted temporary is unreachable once <c>contiguous</c> has read its handle, so a
/// garbage collection started by any other thread meanwhile can free it on the finalizer thread while libtorch is copying it (a
/// segmentation fault in <c>intrusive_ptr&lt;TensorImpl&gt;::retain_</c>, or a corrupted heap). Every tensor is therefore disposed
/// (<c>using</c>), or made while a <see cref="DisposeScope"/> of the same thread is open, which holds it until the scope ends.
/// </remarks>
public static class TorchRuntime
{
    /// <summary>
    /// Picks the device for <paramref name="requested"/> ("cpu" or "cuda"); "cuda" without a CUDA libtorch falls back to
    /// the CPU and says so in <paramref name="note"/> (null when the request was met). Throws <see cref="InvalidOperationException"/>
    /// with the likely cause when libtorch cannot load; <see cref="ArgumentException"/> for any other name.
    /// </summary>
    public static Device SelectDevice(string requested, out string? note)
    {
        note = null;
        EnsureLoaded();
        switch (requested)
        {
            case "cpu":
                return CPU;
            case "cuda":
                if (cuda.is_available())
                {
                    return CUDA;
                }

                note = "--device cuda: no CUDA-enabled libtorch on this machine (TorchSharp-cpu is installed, or no GPU); training on the CPU instead.";
                return CPU;
            default:
                throw new ArgumentException($"--device must be cpu or cuda, got '{requested}'.", nameof(requested));
        }
    }

    /// <summary>
    /// Makes the first libtorch call and turns NNPACK and oneDNN convolutions off (<see cref="BackendSwitches"/>: no native warning on
    /// CPUs NNPACK does not support, no NaN input gradients from oneDNN); on failure throws <see cref="InvalidOperationException"/> naming the native library problem.
    /// </summary>
    public static void EnsureLoaded()
    {
        try
        {
            _ = torch.__version__;
            using var probe = ones(1);
            BackendSwitches.DisableConvolutionBackends();
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or NotSupportedException)
        {
            var inner = e;
            while (inner.InnerException is not null)
            {
                inner = inner.InnerException;
            }

            throw new InvalidOperationException(
                "libtorch could not be loaded: " + inner.Message + " (on Debian 12 the build step Scrawl.Deep.NativePatch must have marked " +
                "GLIBCXX_3.4.32 weak in the output folder's libLibTorchSharp.so; rebuild the deep project)", e);
        }
    }

    /// <summary>Seeds libtorch's generators (weights, dropout) with <paramref name="seed"/> (any value).</summary>
    public static void Seed(long seed)
    {
        EnsureLoaded();
        manual_seed(seed);
    }
}
