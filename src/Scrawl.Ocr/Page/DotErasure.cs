namespace Scrawl.Ocr;

/// <summary>
/// Erases one printed dot from an ink mask while keeping the strokes that run across it: where ink leaves the dot's disc on two
/// or more sides (clusters of ink on the ring just outside it), the pixels inside the disc along the straight path between each
/// pair of exits, as wide as the exits, are kept; everything else in the disc goes. With grey levels, only pixels lighter than
/// the cut go at all (a dot printed lighter than the writing).
/// </summary>
internal static class DotErasure
{
    /// <summary>Erases the disc of <paramref name="radius"/> at (<paramref name="cy"/>, <paramref name="cx"/>) from <paramref name="pixels"/>, judging by the unerased <paramref name="source"/> mask.</summary>
    public static void Erase(ReadOnlySpan<byte> source, byte[] pixels, int h, int w, double cy, double cx, double radius, float[]? grey, float cut)
    {
        int y0 = Math.Max(0, (int)Math.Floor(cy - radius - 2)), y1 = Math.Min(h - 1, (int)Math.Ceiling(cy + radius + 2));
        int x0 = Math.Max(0, (int)Math.Floor(cx - radius - 2)), x1 = Math.Min(w - 1, (int)Math.Ceiling(cx + radius + 2));
        if (y0 > y1 || x0 > x1)
        {
            return;
        }

        // Exits: ink on the ring between radius and radius + 1.5, grouped by angle.
        var ring = new List<(double Angle, int Y, int X)>();
        for (int y = y0; y <= y1; y++)
        {
            for (int x = x0; x <= x1; x++)
            {
                double d = Math.Sqrt(((y - cy) * (y - cy)) + ((x - cx) * (x - cx)));
                if (d > radius && d <= radius + 1.5 && source[(y * w) + x] != 0)
                {
                    ring.Add((Math.Atan2(y - cy, x - cx), y, x));
                }
            }
        }

        var exits = Exits(ring);
        for (int y = y0; y <= y1; y++)
        {
            for (int x = x0; x <= x1; x++)
            {
                int i = (y * w) + x;
                if (source[i] == 0 || ((y - cy) * (y - cy)) + ((x - cx) * (x - cx)) > radius * radius || (grey is not null && grey[i] <= cut))
                {
                    continue;
                }

                if (!OnPath(exits, y, x))
                {
                    pixels[i] = 0;
                }
            }
        }
    }

    /// <summary>Clusters of ring pixels whose angles are within 0.5 rad of the next: each exit's mean point and half-width.</summary>
    private static List<(double Y, double X, double HalfWidth)> Exits(List<(double Angle, int Y, int X)> ring)
    {
        var exits = new List<(double Y, double X, double HalfWidth)>();
        if (ring.Count == 0)
        {
            return exits;
        }

        ring.Sort((a, b) => a.Angle.CompareTo(b.Angle));
        // Start after the widest angular gap so that no cluster wraps around ±π.
        int start = 0;
        double widest = -1;
        for (int k = 0; k < ring.Count; k++)
        {
            double gap = k == 0 ? ring[0].Angle + (2 * Math.PI) - ring[^1].Angle : ring[k].Angle - ring[k - 1].Angle;
            if (gap > widest)
            {
                (widest, start) = (gap, k);
            }
        }

        var cluster = new List<(int Y, int X)>();
        for (int n = 0; n < ring.Count; n++)
        {
            var p = ring[(start + n) % ring.Count];
            double previous = ring[(start + n - 1 + ring.Count) % ring.Count].Angle;
            if (n > 0 && Math.Abs(p.Angle - previous) > 0.5 && Math.Abs(p.Angle - previous) < (2 * Math.PI) - 0.5)
            {
                exits.Add(Summary(cluster));
                cluster.Clear();
            }

            cluster.Add((p.Y, p.X));
        }

        exits.Add(Summary(cluster));
        return exits;
    }

    private static (double Y, double X, double HalfWidth) Summary(List<(int Y, int X)> cluster)
    {
        double my = cluster.Average(p => p.Y), mx = cluster.Average(p => p.X);
        double spread = cluster.Max(p => Math.Sqrt(((p.Y - my) * (p.Y - my)) + ((p.X - mx) * (p.X - mx))));
        return (my, mx, Math.Max(1, spread) + 0.5);
    }

    /// <summary>True when (y, x) lies on the straight path between two exits, within their mean half-width.</summary>
    private static bool OnPath(List<(double Y, double X, double HalfWidth)> exits, int y, int x)
    {
        for (int a = 0; a < exits.Count; a++)
        {
            for (int b = a + 1; b < exits.Count; b++)
            {
                var (ay, ax, aw) = exits[a];
                var (by, bx, bw) = exits[b];
                double dy = by - ay, dx = bx - ax, length2 = (dy * dy) + (dx * dx);
                double t = length2 == 0 ? 0 : Math.Clamp((((y - ay) * dy) + ((x - ax) * dx)) / length2, 0, 1);
                double py = ay + (t * dy) - y, px = ax + (t * dx) - x;
                if ((py * py) + (px * px) <= Math.Pow((aw + bw) / 2, 2))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
