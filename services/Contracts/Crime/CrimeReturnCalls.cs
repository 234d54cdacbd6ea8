namespace Partnership.Contracts.Crime.V1;

// The crime contract's return calls take the shared shapes (ReturnCallShapes.cs).
public partial class SubmitReturnRequest : ISubmitReturnRequest;

public partial class SubmitReturnResponse : ISubmitReturnResponse;

public partial class GetReturnRequest : IGetReturnRequest;

public partial class DistrictReturn : IReturnMessage;

public partial class ListMeasuresResponse : IListMeasuresResponse;
