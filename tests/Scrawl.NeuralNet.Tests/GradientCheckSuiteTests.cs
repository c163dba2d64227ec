using Scrawl.NeuralNet.Checking;

namespace Scrawl.NeuralNet.Tests;

/// <summary>The suite <c>scrawl gradcheck</c> runs: every layer and loss, each within the default tolerance.</summary>
public class GradientCheckSuiteTests
{
    [Fact]
    public void Every_case_passes_at_the_default_tolerance_with_unique_names()
    {
        var options = new GradientCheckOptions { Seed = 1 };
        var cases = GradientCheckSuite.Cases(1).ToList();
        Assert.Equal(cases.Count, cases.Select(c => c.Name).Distinct().Count());
        Assert.All(cases, c => Assert.True(c.Run(options).Passed, c.Name));
    }
}
