namespace Scrawl.Packaging.Tests;

/// <summary>The packaging tests share one <see cref="PackagedFeed"/>: packing is done once for all of them.</summary>
[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<PackagedFeed>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "packages";
}
