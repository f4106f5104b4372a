using System.Runtime.InteropServices;

namespace Vigil.Ingest.Gdal;

/// <summary>A NULL-terminated <c>char**</c> of UTF-8 strings (argv, creation options) that GDAL only reads.</summary>
internal sealed unsafe class Utf8StringList : IDisposable
{
    private readonly nint[] _strings;
    private nint _array;

    internal Utf8StringList(IReadOnlyList<string> items)
    {
        _strings = new nint[items.Count];
        _array = (nint)NativeMemory.AllocZeroed((nuint)(items.Count + 1), (nuint)sizeof(nint));
        var slots = (nint*)_array;
        for (var i = 0; i < items.Count; i++)
        {
            _strings[i] = Marshal.StringToCoTaskMemUTF8(items[i]);
            slots[i] = _strings[i];
        }
    }

    /// <summary>The <c>char**</c>; valid until disposal.</summary>
    internal nint Pointer => _array;

    public void Dispose()
    {
        if (_array == 0)
        {
            return;
        }

        foreach (var s in _strings)
        {
            Marshal.ZeroFreeCoTaskMemUTF8(s);
        }

        NativeMemory.Free((void*)_array);
        _array = 0;
    }
}
