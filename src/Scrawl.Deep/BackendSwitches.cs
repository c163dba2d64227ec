using System.Runtime.InteropServices;

namespace Scrawl.Deep;

/// <summary>
/// Turns two of libtorch's CPU convolution back ends off before the first convolution; TorchSharp has no switch for either, so
/// this calls libtorch's <c>at::globalContext()</c> setters by their exported (Itanium C++ ABI) names. Without them libtorch uses
/// its own im2col + BLAS convolutions.
/// <list type="bullet">
/// <item>NNPACK: on CPUs it does not support (common in VMs) libtorch's first convolution otherwise writes "Could not initialize
/// NNPACK! Reason: Unsupported hardware." to the process's native stderr, past every .NET writer.</item>
/// <item>oneDNN (mkldnn): on this project's Zen 4 machines the oneDNN 3×3 convolution's input gradient came out NaN in about one
/// backward pass of ten (32 × 4 × 16 × 16 random input, 4 → 8 channels; none in 150 with oneDNN off), which made tiny training
/// runs fail at random with "the training loss became NaN". Correct gradients matter more than its speed.</item>
/// </list>
/// </summary>
internal static partial class BackendSwitches
{
    private const string TorchCpu = "torch_cpu";

    /// <summary>Disables NNPACK and oneDNN; true when both are off, false where the entry points are not found (another C++ ABI, e.g. Windows).</summary>
    public static bool DisableConvolutionBackends()
    {
        try
        {
            var context = GlobalContext();
            SetUserEnabledNnpack(context, enabled: false);
            SetUserEnabledMkldnn(context, enabled: false);
            return !UserEnabledNnpack(context) && !UserEnabledMkldnn(context);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Whether libtorch may use NNPACK (its user switch); null where the entry points are not found.</summary>
    public static bool? IsNnpackEnabled() => Query(UserEnabledNnpack);

    /// <summary>Whether libtorch may use oneDNN (its user switch); null where the entry points are not found.</summary>
    public static bool? IsMkldnnEnabled() => Query(UserEnabledMkldnn);

    private static bool? Query(Func<IntPtr, bool> read)
    {
        try
        {
            return read(GlobalContext());
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [LibraryImport(TorchCpu, EntryPoint = "_ZN2at13globalContextEv")]
    private static partial IntPtr GlobalContext();

    [LibraryImport(TorchCpu, EntryPoint = "_ZN2at7Context20setUserEnabledNNPACKEb")]
    private static partial void SetUserEnabledNnpack(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [LibraryImport(TorchCpu, EntryPoint = "_ZNK2at7Context17userEnabledNNPACKEv")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static partial bool UserEnabledNnpack(IntPtr context);

    [LibraryImport(TorchCpu, EntryPoint = "_ZN2at7Context20setUserEnabledMkldnnEb")]
    private static partial void SetUserEnabledMkldnn(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [LibraryImport(TorchCpu, EntryPoint = "_ZNK2at7Context17userEnabledMkldnnEv")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static partial bool UserEnabledMkldnn(IntPtr context);
}
