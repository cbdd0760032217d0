using System.Text.Json;
using MannRl.Engine;

namespace MannRl.Tests.Engine.Parity;

/// <summary>A tensor of a parity fixture: PyTorch shape and row-major float32 values.</summary>
public sealed record FixtureTensor(int[] Shape, float[] Data)
{
    /// <summary>Rows of a 2-D tensor.</summary>
    public int Rows => Shape[0];

    /// <summary>Columns of a 2-D tensor.</summary>
    public int Cols => Shape.Length > 1 ? Shape[1] : 1;

    /// <summary>The values as a new engine matrix (2-D tensors only).</summary>
    public Matrix ToMatrix()
    {
        if (Shape.Length != 2) throw new InvalidOperationException($"tensor of shape [{string.Join(", ", Shape)}] is not a matrix");
        return Matrix.FromArray(Shape[0], Shape[1], Data);
    }
}

/// <summary>
/// Reads the JSON fixtures written by <c>tools/parity/make_fixtures.py</c> (schemas in tools/parity/README.md);
/// the test project copies them to <c>fixtures/&lt;name&gt;.json</c> next to the test assembly.
/// </summary>
public static class Fixture
{
    /// <summary>Parses <c>fixtures/<paramref name="name"/>.json</c>; the root element stays valid for the test run.</summary>
    public static JsonElement Load(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "fixtures", name + ".json");
        if (!File.Exists(path))
            throw new FileNotFoundException($"parity fixture {path} missing; regenerate with /usr/bin/python3 tools/parity/make_fixtures.py", path);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        return doc.RootElement.Clone();
    }

    /// <summary>The <c>{"shape", "data"}</c> tensor under <paramref name="property"/>.</summary>
    public static FixtureTensor Tensor(this JsonElement e, string property) => e.GetProperty(property).AsTensor();

    /// <summary>This element read as a <c>{"shape", "data"}</c> tensor; checks that the data fill the shape.</summary>
    public static FixtureTensor AsTensor(this JsonElement e)
    {
        var shape = e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt32()).ToArray();
        var data = e.GetProperty("data").EnumerateArray().Select(x => x.GetSingle()).ToArray();
        int n = shape.Aggregate(1, (a, d) => a * d);
        if (n != data.Length) throw new InvalidDataException($"tensor of shape [{string.Join(", ", shape)}] has {data.Length} values");
        return new FixtureTensor(shape, data);
    }

    /// <summary>A float property.</summary>
    public static float Float(this JsonElement e, string property) => e.GetProperty(property).GetSingle();

    /// <summary>An int array property.</summary>
    public static int[] Ints(this JsonElement e, string property) =>
        e.GetProperty(property).EnumerateArray().Select(x => x.GetInt32()).ToArray();

    /// <summary>The entry of a <c>{"cases": [...]}</c> list whose <c>name</c> is <paramref name="name"/>.</summary>
    public static JsonElement Case(this JsonElement e, string list, string name) =>
        e.GetProperty(list).EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    /// <summary>A <c>{name: tensor}</c> object (params, grads) in file order, which is PyTorch registration order.</summary>
    public static List<(string Name, FixtureTensor Tensor)> NamedTensors(this JsonElement e, string property) =>
        e.GetProperty(property).EnumerateObject().Select(p => (p.Name, p.Value.AsTensor())).ToList();
}
