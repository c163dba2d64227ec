namespace Scrawl.Imaging;

/// <summary>Connected-component labelling (scikit-image's <c>skimage.measure.label</c>).</summary>
public static class Labeling
{
    /// <summary>
    /// Labels the connected components of the set pixels: <paramref name="connectivity"/> 4 (edge
    /// neighbours; skimage's connectivity=1) or 8 (edges and corners; connectivity=2). Labels run
    /// 1..count in raster order of each component's first pixel, exactly as skimage numbers them;
    /// background is 0. Two passes with a union-find whose root is always the smallest provisional
    /// label, so the final numbering falls out of one flattening sweep.
    /// </summary>
    /// <example><c>var (labels, count) = Labeling.Label(ink, connectivity: 8);</c></example>
    public static (LabelImage Labels, int Count) Label(BinaryImage image, int connectivity = 8)
    {
        ArgumentNullException.ThrowIfNull(image);
        CheckConnectivity(connectivity);
        return Label(image, new int[image.Height * image.Width], connectivity == 8);
    }

    /// <summary>
    /// As <see cref="Label(BinaryImage, int)"/>, with the labels written into the first H·W values of <paramref name="destination"/>
    /// (length ≥ H·W, whatever it holds; e.g. a <see cref="PooledArray{T}"/>'s array): the label image wraps it, not a copy, and is valid
    /// only while the caller leaves that memory alone. No page-sized allocation.
    /// </summary>
    public static (LabelImage Labels, int Count) Label(BinaryImage image, int[] destination, int connectivity = 8)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(destination);
        CheckConnectivity(connectivity);
        int n = image.Height * image.Width;
        if (destination.Length < n)
        {
            throw new ArgumentException($"A {image.Height}×{image.Width} label image needs {n} values; the destination holds {destination.Length}.", nameof(destination));
        }

        destination.AsSpan(0, n).Clear();
        return Label(image, destination, connectivity == 8);
    }

    private static void CheckConnectivity(int connectivity)
    {
        if (connectivity is not (4 or 8))
        {
            throw new ArgumentOutOfRangeException(nameof(connectivity), connectivity, "connectivity must be 4 or 8.");
        }
    }

    /// <summary>The labelling proper, into <paramref name="labels"/> whose first H·W values are 0.</summary>
    private static (LabelImage Labels, int Count) Label(BinaryImage image, int[] labels, bool diagonal)
    {
        // The union-find's parents grow with the provisional labels; pooled, they cost no fresh memory from page to page.
        var pool = System.Buffers.ArrayPool<int>.Shared;
        var parent = pool.Rent(Math.Min(1024, (image.Height * image.Width) + 1));
        try
        {
            return Label(image, labels, diagonal, ref parent);
        }
        finally
        {
            pool.Return(parent);
        }
    }

    /// <summary>The two passes over <paramref name="image"/>, with the union-find in <paramref name="parent"/> (replaced by a larger pooled array when full).</summary>
    private static (LabelImage Labels, int Count) Label(BinaryImage image, int[] labels, bool diagonal, ref int[] parent)
    {
        int h = image.Height, w = image.Width, n = h * w;
        var pixels = image.Pixels;
        int next = 1;
        for (int y = 0; y < h; y++)
        {
            int row = y * w, up = row - w;
            var line = pixels.Slice(row, w);
            for (int x = 0; x < w; x++)
            {
                if (line[x] == 0)
                {
                    // Jump over the background run in one vectorised search: most of a page is paper.
                    int skip = line[x..].IndexOfAnyExcept((byte)0);
                    if (skip < 0)
                    {
                        break;
                    }

                    x += skip;
                }

                // Already-visited neighbours: left, up, and (8-connectivity) up-left and up-right.
                int label = 0;
                if (x > 0)
                {
                    label = Join(parent, label, labels[row + x - 1]);
                }

                if (y > 0)
                {
                    label = Join(parent, label, labels[up + x]);
                    if (diagonal && x > 0)
                    {
                        label = Join(parent, label, labels[up + x - 1]);
                    }

                    if (diagonal && x < w - 1)
                    {
                        label = Join(parent, label, labels[up + x + 1]);
                    }
                }

                if (label == 0)
                {
                    if (next == parent.Length)
                    {
                        var larger = System.Buffers.ArrayPool<int>.Shared.Rent((int)Math.Min((long)parent.Length * 2, (long)n + 1));
                        parent.AsSpan(0, next).CopyTo(larger);
                        System.Buffers.ArrayPool<int>.Shared.Return(parent);
                        parent = larger;
                    }

                    parent[next] = next;
                    label = next++;
                }

                labels[row + x] = label;
            }
        }

        // Roots are the smallest label of their set and provisional labels were created in raster
        // order, so numbering roots in increasing order numbers components by their first pixel.
        int count = 0;
        for (int i = 1; i < next; i++)
        {
            parent[i] = parent[i] == i ? ++count : parent[parent[i]];
        }

        for (int i = 0; i < n; i++)
        {
            if (labels[i] != 0)
            {
                labels[i] = parent[labels[i]];
            }
        }

        return (new LabelImage(labels, h, w, count), count);
    }

    /// <summary>Merges the set of <paramref name="current"/> (0 = none yet) with that of <paramref name="neighbour"/> (0 = background); returns the merged root.</summary>
    private static int Join(int[] parent, int current, int neighbour)
    {
        if (neighbour == 0)
        {
            return current;
        }

        int b = Find(parent, neighbour);
        if (current == 0)
        {
            return b;
        }

        int a = Find(parent, current);
        if (a == b)
        {
            return a;
        }

        int root = Math.Min(a, b);
        parent[Math.Max(a, b)] = root;
        return root;
    }

    private static int Find(int[] parent, int label)
    {
        int root = label;
        while (parent[root] != root)
        {
            root = parent[root];
        }

        while (parent[label] != root)
        {
            (parent[label], label) = (root, parent[label]);
        }

        return root;
    }
}
