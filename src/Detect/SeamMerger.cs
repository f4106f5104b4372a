using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;

namespace Vigil.Detect;

/// <summary>
/// Holds the pieces of buildings cut by tile seams until every tile that could continue them has been seen, then
/// unions each connected group into one whole outline. Tiles must arrive in row-major order; one merger per raster.
/// A piece in tile row r can only touch pieces of rows r-1..r+1, so groups whose last row is two rows behind the
/// current tile are complete.
/// </summary>
internal sealed class SeamMerger
{
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
            if (other.Envelope.Intersects(envelope) && other.Parts.Any(p => p.Outline.Intersects(piece.Outline)))
            {
                joined.Absorb(other);
                _pending.RemoveAt(i);
            }
        }

        _pending.Add(joined);
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
            return new PixelPiece(outline, Parts.Sum(p => p.ProbabilitySum), Parts.Sum(p => p.PixelCount), false);
        }
    }
}
