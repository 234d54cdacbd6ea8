using Partnership.Contracts;
using Partnership.ServiceDefaults;
using Partnership.Testing;
using YamlDotNet.RepresentationModel;

namespace Partnership.SystemTests.Dapr;

/// <summary>Run alone, as every test of the Dapr suite always has.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DeployFilesCollection
{
    public const string Name = "Deploy files";
}

/// <summary>deploy/ must agree with the code: app ids, ports, the pubsub name and the topics.</summary>
[Collection(DeployFilesCollection.Name)]
[Trait(Lane.Key, Lane.System)]
public class DeployFilesTests
{
    /// <summary>Every app deploy/ may name: its ports, and the topic it publishes (none for the aggregator).</summary>
    private static readonly Dictionary<string, (ServiceEndpoints Ports, string? Topic)> Apps = new()
    {
        [CrimeMeasures.Extensions.Identity.Name] = (ServiceEndpoints.CrimeMeasures, CrimeMeasures.Extensions.Identity.Topic),
        [JusticeBoard.Extensions.Identity.Name] = (ServiceEndpoints.JusticeBoard, JusticeBoard.Extensions.Identity.Topic),
        [VictimServices.Extensions.Identity.Name] = (ServiceEndpoints.VictimServices, VictimServices.Extensions.Identity.Topic),
        [Safeguarding.Extensions.Identity.Name] = (ServiceEndpoints.Safeguarding, Safeguarding.Extensions.Identity.Topic),
        [Reporting.Extensions.DatabaseName] = (ServiceEndpoints.Reporting, null),
    };

    private static readonly string[] AllTopicsAndDeadLetters = [.. EventTopics.All, .. EventTopics.All.Select(EventTopics.DeadLetterOf)];

    private static readonly string Deploy = Path.Combine(RepositoryPaths.Root, "deploy");

    private static IEnumerable<(string File, YamlMappingNode Document)> Documents(string under = "") =>
        from file in Directory.EnumerateFiles(Path.Combine(Deploy, under), "*.yaml", SearchOption.AllDirectories)
        let stream = Load(file)
        from document in stream.Documents
        where document.RootNode is YamlMappingNode
        select (Path.GetRelativePath(Deploy, file), (YamlMappingNode)document.RootNode);

    private static YamlStream Load(string file)
    {
        using var reader = new StreamReader(file);
        var stream = new YamlStream();
        stream.Load(reader);
        return stream;
    }

    private static YamlNode? At(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var child))
            {
                return null;
            }

            node = child;
        }

        return node;
    }

    private static string? Text(YamlNode node, params string[] path) => (At(node, path) as YamlScalarNode)?.Value;

    private static IEnumerable<YamlMappingNode> Items(YamlNode node, params string[] path) =>
        (At(node, path) as YamlSequenceNode)?.Children.OfType<YamlMappingNode>() ?? [];

    private static string? Metadata(YamlNode component, string name) =>
        Items(component, "spec", "metadata").Where(m => Text(m, "name") == name).Select(m => Text(m, "value")).SingleOrDefault();

    /// <summary>Reads "app1=t1,t2;app2=" into app → topics.</summary>
    private static Dictionary<string, string[]> Scopes(string value) =>
        value.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split('='))
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [Fact]
    public void EveryFile_Parses()
    {
        var files = Directory.EnumerateFiles(Deploy, "*.yaml", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.NotEmpty(Load(file).Documents));
    }

    [Fact]
    public void PubSubComponents_UseTheCodesNameAndScopeEachServiceToItsOwnTopic()
    {
        var components = Documents("dapr").Where(d => Text(d.Document, "kind") == "Component").ToList();
        Assert.Equal(3, components.Count);
        foreach (var (file, component) in components)
        {
            Assert.True(EventTopics.PubSubName == Text(component, "metadata", "name"), file);
            Assert.StartsWith("pubsub.", Text(component, "spec", "type"), StringComparison.Ordinal);
            Assert.Equal(AllTopicsAndDeadLetters.Order(), Metadata(component, "allowedTopics")!.Split(',').Order());

            var publishing = Scopes(Metadata(component, "publishingScopes")!);
            var subscribing = Scopes(Metadata(component, "subscriptionScopes")!);
            foreach (var (app, (_, topic)) in Apps)
            {
                if (topic is null)
                {
                    // The aggregator subscribes to everything and publishes only dead letters.
                    Assert.Equal(AllTopicsAndDeadLetters.Order(), subscribing[app].Order());
                    Assert.Equal(EventTopics.All.Select(EventTopics.DeadLetterOf).Order(), publishing[app].Order());
                }
                else
                {
                    Assert.Equal([topic], publishing[app]);
                    Assert.Empty(subscribing[app]);
                }
            }

            var scoped = ((YamlSequenceNode)At(component, "scopes")!).Children.Select(n => ((YamlScalarNode)n).Value!).ToList();
            Assert.Superset(Apps.Keys.ToHashSet(), scoped.ToHashSet());
        }
    }

    [Fact]
    public void Resiliency_TargetsThePubSubComponent()
    {
        var resiliency = Documents("dapr").Single(d => Text(d.Document, "kind") == "Resiliency").Document;
        Assert.NotNull(At(resiliency, "spec", "targets", "components", EventTopics.PubSubName, "inbound"));
        Assert.NotNull(At(resiliency, "spec", "targets", "components", EventTopics.PubSubName, "outbound"));
    }

    [Fact]
    public void KubernetesDeployments_AnnotateTheCodesAppIdsAndPorts()
    {
        var deployments = Documents("kubernetes").Where(d => Text(d.Document, "kind") == "Deployment").Select(d => d.Document).ToList();
        Assert.Equal(Apps.Keys.Order(), deployments.Select(d => Text(d, "spec", "template", "metadata", "annotations", "dapr.io/app-id")!).Order());
        foreach (var deployment in deployments)
        {
            var annotations = At(deployment, "spec", "template", "metadata", "annotations")!;
            var appId = Text(annotations, "dapr.io/app-id")!;
            var ports = Apps[appId].Ports;
            Assert.Equal("true", Text(annotations, "dapr.io/enabled"));
            Assert.Equal("http", Text(annotations, "dapr.io/app-protocol"));
            Assert.Equal(ports.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), Text(annotations, "dapr.io/app-port"));

            var container = Items(deployment, "spec", "template", "spec", "containers").Single();
            var env = Items(container, "env").ToDictionary(e => Text(e, "name")!, e => e);
            Assert.Equal(ports.GrpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture), Text(env["Endpoints__GrpcPort"], "value"));
            Assert.Equal(ports.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), Text(env["Endpoints__HttpPort"], "value"));
            Assert.Equal("postgres", Text(env["Storage__Provider"], "value"));
            Assert.Equal("dapr", Text(env["EventBus__Transport"], "value"));
            Assert.NotNull(At(env[$"ConnectionStrings__{appId}"], "valueFrom", "secretKeyRef", "name"));
            Assert.NotNull(At(env["APP_API_TOKEN"], "valueFrom", "secretKeyRef", "name"));
            Assert.Equal(
                new[] { ports.GrpcPort, ports.HttpPort }.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(),
                Items(container, "ports").Select(p => Text(p, "containerPort")!).Order());
        }

        var services = Documents("kubernetes").Where(d => Text(d.Document, "kind") == "Service").Select(d => d.Document).ToList();
        Assert.Equal(Apps.Keys.Order(), services.Select(s => Text(s, "metadata", "name")!).Order());
        Assert.All(services, service => Assert.Equal(
            Apps[Text(service, "metadata", "name")!].Ports.GrpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Text(Items(service, "spec", "ports").Single(p => Text(p, "name") == "grpc"), "port")));
        // The aggregator's HTTP port too, for the dashboard behind the Ingress; no other service serves pages.
        var reporting = services.Single(s => Text(s, "metadata", "name") == Reporting.Extensions.DatabaseName);
        Assert.Equal(Text(Items(reporting, "spec", "ports").Single(p => Text(p, "name") == "http"), "port"), Port(ServiceEndpoints.Reporting.HttpPort));
        Assert.All(services.Where(s => s != reporting), service => Assert.Single(Items(service, "spec", "ports")));
    }

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static List<YamlMappingNode> Kind(string kind) =>
        [.. Documents("kubernetes").Where(d => Text(d.Document, "kind") == kind).Select(d => d.Document)];

    [Fact]
    public void KubernetesDeployments_AreHardened()
    {
        foreach (var deployment in Kind("Deployment"))
        {
            var app = Text(deployment, "metadata", "name")!;
            var pod = At(deployment, "spec", "template", "spec")!;
            Assert.Equal("true", Text(pod, "securityContext", "runAsNonRoot"));
            Assert.Equal("RuntimeDefault", Text(pod, "securityContext", "seccompProfile", "type"));
            Assert.Equal("false", Text(pod, "automountServiceAccountToken"));
            var container = Items(pod, "containers").Single();
            var image = Text(container, "image")!;
            Assert.Matches(@"^[^:]+:\d+\.\d+\.\d+$", image);
            Assert.Equal("false", Text(container, "securityContext", "allowPrivilegeEscalation"));
            Assert.Equal("true", Text(container, "securityContext", "readOnlyRootFilesystem"));
            Assert.Equal(["ALL"], (At(container, "securityContext", "capabilities", "drop") as YamlSequenceNode)!.Children.Select(c => ((YamlScalarNode)c).Value));
            foreach (var bound in new[] { "requests", "limits" })
            {
                Assert.NotNull(Text(container, "resources", bound, "cpu"));
                Assert.NotNull(Text(container, "resources", bound, "memory"));
            }

            // A read-only root filesystem still needs a writable /tmp.
            Assert.Contains(Items(container, "volumeMounts"), m => Text(m, "mountPath") == "/tmp");
            // Every app has a disruption budget selecting its pods.
            Assert.Contains(Kind("PodDisruptionBudget"), b => Text(b, "spec", "selector", "matchLabels", "app") == app);
        }
    }

    [Fact]
    public void NetworkPolicies_DenyByDefaultAndOpenOnlyTheCodesPortsToTheIngress()
    {
        var policies = Kind("NetworkPolicy");
        var deny = policies.Single(p => Text(p, "metadata", "name") == "default-deny-ingress");
        Assert.Empty((At(deny, "spec", "podSelector") as YamlMappingNode)!.Children);
        Assert.Null(At(deny, "spec", "ingress"));

        var apps = policies.Single(p => Text(p, "metadata", "name") == "partnership-apps");
        var fromIngress = Items(apps, "spec", "ingress").Single(r => Items(r, "from").Any(f => Text(f, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name") == "ingress-nginx"));
        Assert.Equal(
            Apps.Values.Select(a => Port(a.Ports.GrpcPort)).Append(Port(ServiceEndpoints.Reporting.HttpPort)).Order(),
            Items(fromIngress, "ports").Select(p => Text(p, "port")!).Order());
        Assert.Contains(policies, p => Text(p, "spec", "podSelector", "matchLabels", "app.kubernetes.io/name") == "postgresql");
    }

    [Fact]
    public void Ingress_ServesEveryServicesGrpcAndOnlyTheDashboardsPagesOverTls()
    {
        var ingresses = Kind("Ingress");
        Assert.All(ingresses, ingress =>
        {
            var tlsHosts = Items(ingress, "spec", "tls").SelectMany(t => ((YamlSequenceNode)At(t, "hosts")!).Children.Select(h => ((YamlScalarNode)h).Value)).ToList();
            Assert.All(Items(ingress, "spec", "rules"), rule => Assert.Contains(Text(rule, "host"), tlsHosts));
        });
        var backends = ingresses.SelectMany(i => Items(i, "spec", "rules")).SelectMany(r => Items(r, "http", "paths"))
            .Select(p => (Path: Text(p, "path"), Service: Text(p, "backend", "service", "name"), Port: Text(p, "backend", "service", "port", "name"))).ToList();
        Assert.Equal(Apps.Keys.Order(), backends.Where(b => b.Port == "grpc").Select(b => b.Service!).Order());
        // The HTTP port also serves the sidecar's subscription endpoints: only the dashboard's routes go out.
        Assert.Equal(["/", "/report.csv", "/report.md", "/report.pdf", "/report.xlsx"], backends.Where(b => b.Port == "http").Select(b => b.Path!).Order());
    }

    [Fact]
    public void MultiAppRunFile_RunsEveryAppOnItsPorts()
    {
        var run = Documents().Single(d => d.File == "dapr.yaml").Document;
        var apps = Items(run, "apps").ToList();
        Assert.Equal(Apps.Keys.Order(), apps.Select(a => Text(a, "appID")!).Order());
        foreach (var app in apps)
        {
            var ports = Apps[Text(app, "appID")!].Ports;
            Assert.Equal(ports.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), Text(app, "appPort"));
            Assert.Equal(ports.GrpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture), Text(app, "env", "Endpoints__GrpcPort"));
            Assert.Equal(ports.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), Text(app, "env", "Endpoints__HttpPort"));
            Assert.True(Directory.Exists(Path.Combine(Deploy, Text(app, "appDirPath")!)), Text(app, "appDirPath"));
        }

        Assert.Equal("dapr", Text(run, "common", "env", "EventBus__Transport"));
        var resources = ((YamlSequenceNode)At(run, "common", "resourcesPaths")!).Children.Select(n => ((YamlScalarNode)n).Value!).ToList();
        Assert.All(resources, path => Assert.True(Directory.Exists(Path.Combine(Deploy, path)), path));
    }
}
