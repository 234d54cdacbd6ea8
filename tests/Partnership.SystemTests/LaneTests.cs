using System.Reflection;

namespace Partnership.SystemTests;

/// <summary>
/// Keeps the lane whole: a test class added here without the trait would run in the fast lane, and a
/// Dapr test outside a collection run alone would start its processes beside the other suites.
/// </summary>
[Trait(Lane.Key, Lane.System)]
public class LaneTests
{
    private static readonly Type[] TestClasses =
    [
        .. typeof(Lane).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }
            && t.GetMethods().Any(m => m.IsDefined(typeof(FactAttribute), inherit: true))),
    ];

    [Fact]
    public void TestClasses_All_CarryTheSystemLaneTrait()
    {
        var untagged = TestClasses.Where(t => !t.GetCustomAttributesData().Any(a =>
            a.AttributeType == typeof(TraitAttribute) && Argument(a, 0) == Lane.Key && Argument(a, 1) == Lane.System));

        Assert.Empty(untagged.Select(t => t.FullName));
    }

    [Fact]
    public void DaprTests_All_InACollectionThatRunsAlone()
    {
        var alone = typeof(Lane).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributesData())
            .Where(a => a.AttributeType == typeof(CollectionDefinitionAttribute)
                && a.NamedArguments.Any(n => n.MemberName == nameof(CollectionDefinitionAttribute.DisableParallelization) && n.TypedValue.Value is true))
            .Select(a => Argument(a, 0))
            .ToHashSet();

        var dapr = TestClasses.Where(t => t.Namespace == typeof(Dapr.DaprCollection).Namespace);
        var notAlone = dapr.Where(t => t.GetCustomAttribute<CollectionAttribute>() is null
            || !alone.Contains(Argument(t.GetCustomAttributesData().Single(a => a.AttributeType == typeof(CollectionAttribute)), 0)));

        Assert.NotEmpty(dapr);
        Assert.Empty(notAlone.Select(t => t.FullName));
    }

    private static string? Argument(CustomAttributeData attribute, int index) => attribute.ConstructorArguments[index].Value as string;
}
