using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildProtection.Training.Core.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ContestEntryUnit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "UnitId",
                table: "contestEntry",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_contestEntry_RoundId_UnitId",
                table: "contestEntry",
                columns: new[] { "RoundId", "UnitId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_contestEntry_RoundId_UnitId",
                table: "contestEntry");

            migrationBuilder.DropColumn(
                name: "UnitId",
                table: "contestEntry");
        }
    }
}
