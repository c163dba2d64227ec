using System.Runtime.InteropServices;

namespace Scrawl.Deep;

/// <summary>
/// Turns libtorch's NNPACK convolutions off before the first convolution. On CPUs NNPACK does not support (common in VMs)
/// libtorch's first convolution otherwise writes "Could not initialize NNPACK! Reason: Unsupported hardware." to the process's
/// native stderr, past every .NET writer; with NNPACK off, libtorch never initialises it and uses its other CPU kernels
/// (oneDNN or its own), which it prefers anyway. TorchSharp has no switch for it, so this calls libtorch's
/// <c>at::globalContext().setUserEnabledNNPACK(false)</c> by its exported (Itanium C++ ABI) name.
/// </summary>
internal static partial class NnpackSwitch
{
    private const string TorchCpu = "torch_cpu";

    /// <summary>Disables NNPACK; true when done, false where the entry points are not found (another C++ ABI, e.g. Windows), which only leaves the warning possible.</summary>
    public static bool Disable()
    {
        try
        {
            SetUserEnabledNnpack(GlobalContext(), enabled: false);
            return !UserEnabledNnpack(GlobalContext());
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Whether libtorch may use NNPACK (its user switch); null where the entry points are not found.</summary>
    public static bool? IsEnabled()
    {
        try
        {
            return UserEnabledNnpack(GlobalContext());
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
}
