namespace LeapMastery.Domain.Frameworks;

/// <summary>Prerequisite links must form a DAG; a cycle would make every competency on it impossible to unlock.</summary>
public static class PrerequisiteGraph
{
    /// <summary>
    /// A cycle among the links, as the codes along it with the first repeated at the end (<c>A → B → C → A</c> for
    /// "A requires B, B requires C, C requires A"), or null when there is none. Deterministic: codes are visited in
    /// ordinal order and the cycle is rotated to start at its smallest code, so the same links always report the same cycle.
    /// </summary>
    public static IReadOnlyList<string>? FindCycle(IEnumerable<(string Competency, string Requires)> edges)
    {
        var requires = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var (competency, required) in edges)
        {
            Node(requires, competency).Add(required);
            Node(requires, required);
        }

        var finished = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in requires.Keys)
        {
            if (finished.Contains(start))
                continue;
            if (CycleFrom(start, requires, finished) is { } cycle)
                return Canonical(cycle);
        }

        return null;
    }

    // Iterative depth-first search, so a long prerequisite chain cannot overflow the stack.
    private static List<string>? CycleFrom(
        string start, SortedDictionary<string, SortedSet<string>> requires, HashSet<string> finished)
    {
        var path = new List<string> { start };
        var onPath = new Dictionary<string, int>(StringComparer.Ordinal) { [start] = 0 };
        var pending = new Stack<IEnumerator<string>>();
        pending.Push(requires[start].GetEnumerator());

        while (pending.Count > 0)
        {
            var next = pending.Peek();
            if (!next.MoveNext())
            {
                pending.Pop();
                var done = path[^1];
                path.RemoveAt(path.Count - 1);
                onPath.Remove(done);
                finished.Add(done);
                continue;
            }

            var required = next.Current;
            if (onPath.TryGetValue(required, out var at))
                return [.. path.Skip(at), required];
            if (finished.Contains(required))
                continue;

            onPath[required] = path.Count;
            path.Add(required);
            pending.Push(requires[required].GetEnumerator());
        }

        return null;
    }

    private static IReadOnlyList<string> Canonical(List<string> cycle)
    {
        var ring = cycle.Take(cycle.Count - 1).ToList();
        var first = ring.IndexOf(ring.Min(StringComparer.Ordinal)!);
        var rotated = ring.Skip(first).Concat(ring.Take(first)).ToList();
        rotated.Add(rotated[0]);
        return rotated;
    }

    private static SortedSet<string> Node(SortedDictionary<string, SortedSet<string>> graph, string code)
    {
        if (!graph.TryGetValue(code, out var set))
            graph[code] = set = new SortedSet<string>(StringComparer.Ordinal);
        return set;
    }
}
