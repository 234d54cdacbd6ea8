using Partnership.Safeguarding;
using Partnership.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.UsePartnershipEndpoints(ServiceEndpoints.Safeguarding);
builder.AddSafeguarding();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapSafeguarding();
app.Run();
