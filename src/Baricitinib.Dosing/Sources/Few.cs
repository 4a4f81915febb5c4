namespace Baricitinib.Dosing.Sources;

/// <summary>
/// A list that is usually empty or holds one item (an evaluation's notes and rules): the first item is kept in the
/// struct, a list is made only for a second. A mutable struct: use it only as a field, never copied.
/// </summary>
internal struct Few<T>
    where T : class
{
    private T? _first;
    private List<T>? _rest;

    public readonly int Count => _first is null ? 0 : 1 + (_rest?.Count ?? 0);

    public void Add(T item)
    {
        if (_first is null)
        {
            _first = item;
        }
        else
        {
            (_rest ??= new(2)).Add(item);
        }
    }

    public readonly bool TrueForAll(Predicate<T> match) =>
        _first is null || (match(_first) && (_rest is null || _rest.TrueForAll(match)));

    /// <summary>The items, in the order added (a new array each time, but for none).</summary>
    public readonly IReadOnlyList<T> ToList() => _first is null ? [] : _rest is null ? [_first] : [_first, .. _rest];
}
