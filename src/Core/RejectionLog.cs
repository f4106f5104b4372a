using System.Collections.Concurrent;

namespace Vigil.Core;

/// <summary>Collects rejections from every stage of a run. Thread-safe.</summary>
public sealed class RejectionLog
{
    private readonly ConcurrentQueue<Rejection> _items = new();

    /// <summary>Records a rejection.</summary>
    public void Add(string source, string reason) => _items.Enqueue(new Rejection(source, reason));

    /// <summary>A snapshot of the rejections so far, in arrival order.</summary>
    public IReadOnlyList<Rejection> Items => [.. _items];
}
