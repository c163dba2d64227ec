using System.Runtime.CompilerServices;

namespace Scrawl.Deep.Tests;

/// <summary>
/// A diagnostic for the finalizer race described in TorchRuntime's remarks: with SCRAWL_TEST_GC_STRESS=1 a background thread
/// collects garbage and runs finalizers without pause, so a tensor left to the finalizer while libtorch still uses it is freed
/// at once instead of once in many runs (before the tests held their tensors, TransferTests crashed the test host this way in
/// every stressed run). Off by default. Still expected with it on: now and then "Unknown scalar type" from TorchSharp 0.107's
/// own optimizer steps, whose implicit Scalar temporaries no dispose scope can hold.
/// </summary>
internal static class GcStress
{
#pragma warning disable CA2255 // a module initializer in a test assembly, on purpose: it must run before the first test
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Start()
    {
        if (Environment.GetEnvironmentVariable("SCRAWL_TEST_GC_STRESS") != "1")
        {
            return;
        }

        new Thread(() =>
        {
            while (true)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }) { IsBackground = true, Name = "GC stress" }.Start();
    }
}
