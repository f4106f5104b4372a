using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;

namespace Vigil.Detect;

/// <summary>
/// Holds the pieces of buildings cut by tile seams until every tile that could continue them has been seen, then
/// unions each connected group into one whole outline. Tiles must arrive in row-major order; one merger per raster.
/// A piece in tile row r can only touch pieces of rows r-1..r+1, so groups whose last row is two rows behind the
/// current tile are complete.
/// Two pieces continue each other when they hold pixels of the same seam line in common (both tiles polygonize that
/// line). Where touching buildings are split by a separation channel, the two tiles may place the split a pixel or two
/// apart on the seam line; a piece then continues another only when they share at least
/// <see cref="MinSharedSeamFraction"/> of the shorter of their runs on that line, so that neighbouring buildings are
/// not joined through a seam.
/// </summary>
/// <param name="touchingBuildingsSeparated">True when the pieces come from a model that separates touching buildings.</param>
internal sealed class SeamMerger(bool touchingBuildingsSeparated = false)
{
    /// <summary>
    /// Share of the shorter seam contact two separated pieces must have in common to be one building. The two pieces
    /// of one building share nearly all of it (all where both tiles' probabilities agree); a neighbour reaching over a
    /// band misplaced by a pixel or two shares a few pixels of a contact of tens (a 2 m wall is 13 px at 0.15 m).
    /// </summary>
    internal const double MinSharedSeamFraction = 0.5;

    private readonly List<PendingGroup> _pending = [];

    /// <summary>Number of groups waiting for neighbouring tiles.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>Adds the seam pieces of a tile in row <paramref name="tileRow"/>; returns the groups that became complete.</summary>
    public List<PixelPiece> Add(int tileRow, IEnumerable<PixelPiece> seamPieces)
    {
        foreach (var piece in seamPieces)
        {
            Attach(piece, tileRow);
        }

        var complete = new List<PixelPiece>();
        for (var i = _pending.Count - 1; i >= 0; i--)
        {
            if (_pending[i].LastRow <= tileRow - 2)
            {
                complete.Add(_pending[i].ToPiece());
                _pending.RemoveAt(i);
            }
        }

        complete.Reverse();
        return complete;
    }

    /// <summary>Returns every pending group as complete (end of the raster) and empties the merger.</summary>
    public List<PixelPiece> Flush()
    {
        var all = _pending.Select(g => g.ToPiece()).ToList();
        _pending.Clear();
        return all;
    }

    private void Attach(PixelPiece piece, int tileRow)
    {
        var joined = new PendingGroup(piece, tileRow);
        var envelope = piece.Outline.EnvelopeInternal.Copy();
        envelope.ExpandBy(0.5);
        for (var i = _pending.Count - 1; i >= 0; i--)
        {
            var other = _pending[i];
            if (other.Envelope.Intersects(envelope) && other.Parts.Any(p => Continues(p, piece)))
            {
                joined.Absorb(other);
                _pending.RemoveAt(i);
            }
        }

        _pending.Add(joined);
    }

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> are pieces of one building.</summary>
    private bool Continues(PixelPiece a, PixelPiece b)
    {
        foreach (var line in a.SeamRuns)
        {
            var (shared, contactA, contactB) = (0, 0, 0);
            foreach (var run in a.SeamRuns)
            {
                if (run.IsColumn == line.IsColumn && run.Line == line.Line)
                {
                    contactA += run.Length;
                    foreach (var other in b.SeamRuns)
                    {
                        shared += run.Shared(other);
                    }
                }
            }

            foreach (var other in b.SeamRuns)
            {
                contactB += other.IsColumn == line.IsColumn && other.Line == line.Line ? other.Length : 0;
            }

            if (shared > 0 && (!touchingBuildingsSeparated || shared >= MinSharedSeamFraction * Math.Min(contactA, contactB)))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class PendingGroup
    {
        public PendingGroup(PixelPiece piece, int row)
        {
            Parts = [piece];
            LastRow = row;
            Envelope = piece.Outline.EnvelopeInternal.Copy();
        }

        public List<PixelPiece> Parts { get; }

        public int LastRow { get; private set; }

        public Envelope Envelope { get; }

        public void Absorb(PendingGroup other)
        {
            Parts.AddRange(other.Parts);
            LastRow = Math.Max(LastRow, other.LastRow);
            Envelope.ExpandToInclude(other.Envelope);
        }

        public PixelPiece ToPiece()
        {
            var outline = Parts.Count == 1
                ? Parts[0].Outline
                : UnaryUnionOp.Union(Parts.Select(p => p.Outline).ToList());
            return new PixelPiece(outline, Parts.Sum(p => p.ProbabilitySum), Parts.Sum(p => p.PixelCount), []);
        }
    }
}
