namespace Partnership.Contracts.Safeguarding.V1;

// The safeguarding contract's return calls take the shared shapes (ReturnCallShapes.cs).
public partial class SubmitReturnRequest : ISubmitReturnRequest;

public partial class SubmitReturnResponse : ISubmitReturnResponse;

public partial class GetReturnRequest : IGetReturnRequest;

public partial class SafeguardingReturn : IReturnMessage;

public partial class ListMeasuresResponse : IListMeasuresResponse;
